package cm.reeyo.userapi;

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
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/orders/{orderId}/tip} {@code {amount}}: the customer tips the rider of a delivered order, up to
 * 24 h after delivery, once; the whole amount goes from the customer's wallet to the rider's. (A tip can also be
 * given at placement: {@code tip} on {@code POST /api/v1/orders}.)
 */
public final class TipRoutes {

  private static final String VALID = "validBody";

  private final ApiFoundation api;
  private final AuthHandler auth;

  public TipRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    api.router().post("/api/v1/orders/:orderId/tip").handler(auth).handler(RoleGuard.only(Role.USER))
      .handler(new JsonBody()).handler(this::validateTip).handler(this::tip);
    api.openApi().fragment("openapi/user-api/tips.json");
  }

  private void validateTip(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("amount");
    Long amount = check.integer("amount", 1, 100_000);
    check.done();
    ctx.put(VALID, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("amount", amount));
    ctx.next();
  }

  private void tip(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.TIP, ctx.get(VALID))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
