package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A vendor's reviews: {@code GET /api/v1/reviews} (its own, newest first, with the rating histogram) and
 * {@code PUT /api/v1/reviews/{orderId}/reply} {@code {reply}} (answers the review of one of its orders; a new reply
 * replaces the previous one).
 */
public final class ReviewRoutes {

  private static final String VALID = "validBody";

  private final ApiFoundation api;
  private final AuthHandler auth;

  public ReviewRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard vendors = RoleGuard.only(Role.VENDOR);
    r.get("/api/v1/reviews").handler(auth).handler(vendors).handler(this::reviews);
    r.put("/api/v1/reviews/:orderId/reply").handler(auth).handler(vendors).handler(new JsonBody())
      .handler(this::validateReply).handler(this::reply);
    api.openApi().fragment("openapi/vendor-api/reviews.json");
  }

  private void reviews(RoutingContext ctx) {
    JsonObject body = EngineCall.page(ctx, new JsonObject().put("vendorId", AuthHandler.principal(ctx).id()));
    EngineCall.request(ctx, OrderAddresses.REVIEWS, body)
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void validateReply(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reply");
    String reply = check.string("reply", 1, 1000);
    check.done();
    ctx.put(VALID, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("reply", reply));
    ctx.next();
  }

  private void reply(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.REVIEW_REPLY, ctx.get(VALID))
      .compose(review -> Responses.ok(ctx, review))
      .onFailure(ctx::fail);
  }
}
