package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What brings a customer back: a vendor's reviews ({@code GET /api/v1/vendors/{vendorId}/reviews}, newest first, with
 * the rating histogram), favourite vendors ({@code GET /api/v1/favourites}, {@code PUT|DELETE
 * /api/v1/favourites/{vendorId}}) and "order again" ({@code POST /api/v1/orders/{orderId}/reorder}, a preview at
 * today's prices). The order engine does the work.
 */
public final class EngagementRoutes {

  private final ApiFoundation api;
  private final AuthHandler auth;

  public EngagementRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard customers = RoleGuard.only(Role.USER);
    r.get("/api/v1/vendors/:vendorId/reviews").handler(auth).handler(customers).handler(this::reviews);
    r.get("/api/v1/favourites").handler(auth).handler(customers).handler(this::favourites);
    r.put("/api/v1/favourites/:vendorId").handler(auth).handler(customers).handler(ctx -> favourite(ctx, true));
    r.delete("/api/v1/favourites/:vendorId").handler(auth).handler(customers).handler(ctx -> favourite(ctx, false));
    r.post("/api/v1/orders/:orderId/reorder").handler(auth).handler(customers).handler(this::reorder);
    api.openApi().fragment("openapi/user-api/engagement.json");
  }

  private void reviews(RoutingContext ctx) {
    JsonObject body = EngineCall.page(ctx, new JsonObject().put("vendorId", EngineCall.id(ctx, "vendorId")));
    EngineCall.request(ctx, OrderAddresses.REVIEWS, body)
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void favourites(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.FAVOURITES, EngineCall.page(ctx, new JsonObject()))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void favourite(RoutingContext ctx, boolean favourite) {
    EngineCall.request(ctx, OrderAddresses.FAVOURITE_SET, new JsonObject()
        .put("vendorId", EngineCall.id(ctx, "vendorId")).put("favourite", favourite))
      .compose(answer -> Responses.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private void reorder(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.REORDER, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")))
      .compose(preview -> Responses.ok(ctx, preview))
      .onFailure(ctx::fail);
  }
}
