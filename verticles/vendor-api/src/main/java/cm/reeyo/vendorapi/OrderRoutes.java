package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A vendor's orders: list (by status), read, and the vendor's lifecycle steps. */
public final class OrderRoutes {

  private final ApiFoundation api;
  private final AuthHandler auth;

  public OrderRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard vendors = RoleGuard.only(Role.VENDOR);
    r.get("/api/v1/orders").handler(auth).handler(vendors).handler(this::list);
    r.get("/api/v1/orders/:orderId").handler(auth).handler(vendors).handler(this::get);
    for (String action : new String[]{"accept", "reject", "preparing", "ready"}) {
      r.post("/api/v1/orders/:orderId/" + action).handler(auth).handler(vendors).handler(new JsonBody())
        .handler(ctx -> step(ctx, action));
    }
    api.openApi().fragment("openapi/vendor-api/orders.json");
  }

  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !status.matches("[A-Z_]{1,30}")) {
      throw ApiError.validation("status", "is not a status");
    }
    EngineCall.request(ctx, OrderAddresses.LIST, EngineCall.page(ctx, new JsonObject()).put("status", status))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.GET, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }

  private void step(RoutingContext ctx, String action) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason", "estimatedMinutes");
    String reason = check.optionalString("reason", 0, 500);
    Long minutes = check.optionalInteger("estimatedMinutes", 1, 240);
    check.done();
    JsonObject body = new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("action", action)
      .put("reason", reason).put("estimatedMinutes", minutes);
    EngineCall.request(ctx, OrderAddresses.TRANSITION, body)
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
