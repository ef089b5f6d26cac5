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
 * A vendor's lifecycle steps on its orders (accept, reject, preparing, ready); listing and reading them is the shared
 * {@link cm.reeyo.apikit.OrderQueryRoutes}. The fragment documents both.
 */
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
    for (String action : new String[]{"accept", "reject", "preparing", "ready"}) {
      r.post("/api/v1/orders/:orderId/" + action).handler(auth).handler(vendors).handler(new JsonBody())
        .handler(ctx -> step(ctx, action));
    }
    api.openApi().fragment("openapi/vendor-api/orders.json");
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
