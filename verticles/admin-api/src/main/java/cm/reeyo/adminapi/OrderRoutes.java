package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.AuditedCall;
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
 * Admins cancel any undelivered order (audited {@code order.cancel} with the reason, success or failure); listing and reading every order is the shared
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
    RoleGuard admins = RoleGuard.only(Role.ADMIN);
    r.post("/api/v1/orders/:orderId/cancel").handler(auth).handler(admins).handler(new JsonBody()).handler(this::cancel);
    api.openApi().fragment("openapi/admin-api/orders.json");
  }

  private void cancel(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    String reason = check.string("reason", 1, 500);
    check.done();
    String orderId = EngineCall.id(ctx, "orderId");
    AuditedCall.run(api, ctx, "order.cancel", orderId, "reason: " + reason,
        EngineCall.request(ctx, OrderAddresses.CANCEL, new JsonObject().put("orderId", orderId).put("reason", reason)))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
