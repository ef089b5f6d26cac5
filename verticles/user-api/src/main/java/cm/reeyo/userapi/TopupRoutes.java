package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.WalletBus;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/wallet/topup} {@code {amount, phone}}: starts a Campay collection (202: the wallet is credited
 * when Campay confirms). The Idempotency-Key header makes a retry answer the same payment.
 */
final class TopupRoutes {

  static final String OPENAPI = "openapi/user-api/wallet-topup.json";
  static final long MIN_TOPUP = 100;
  static final long MAX_TOPUP = 1_000_000;

  private final ApiFoundation api;

  private TopupRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    TopupRoutes routes = new TopupRoutes(api);
    api.router().post("/api/v1/wallet/topup").handler(auth).handler(RoleGuard.only(Role.USER)).handler(new JsonBody())
      .handler(routes::validate).handler(routes::topup);
    api.openApi().fragment(OPENAPI);
  }

  private void validate(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("amount", "phone");
    check.integer("amount", MIN_TOPUP, MAX_TOPUP);
    String phone = check.string("phone", 9, 16);
    if (phone != null && !phone.replace(" ", "").matches("^\\+?237[0-9]{9}$")) {
      check.problem("phone", "must be a Cameroon mobile number (+2376XXXXXXXX)");
    }
    check.done();
    ctx.next();
  }

  private void topup(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonObject command = new JsonObject().put("amount", body.getLong("amount"))
      .put("phone", body.getString("phone").replace(" ", ""))
      .put("idempotencyKey", WalletBus.idempotencyKey(ctx));
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.TOPUP, command)
      .compose(payment -> Responses.json(ctx, 202, payment))
      .onFailure(ctx::fail);
  }
}
