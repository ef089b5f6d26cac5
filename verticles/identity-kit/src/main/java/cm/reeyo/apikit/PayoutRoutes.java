package cm.reeyo.apikit;

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
 * {@code POST /api/v1/payouts} {@code {amount, phone}} (Idempotency-Key honoured; the amount is held until an admin
 * decides) and {@code GET /api/v1/payouts} (own requests) for vendors and riders. Documented by
 * {@code openapi/shared/payouts.json}.
 */
public final class PayoutRoutes {

  public static final String OPENAPI = "openapi/shared/payouts.json";
  static final String PHONE = "^\\+?237[0-9]{9}$";

  private final ApiFoundation api;

  private PayoutRoutes(ApiFoundation api) {
    this.api = api;
  }

  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Role role) {
    PayoutRoutes routes = new PayoutRoutes(api);
    api.router().post("/api/v1/payouts").handler(auth).handler(RoleGuard.only(role)).handler(new JsonBody())
      .handler(routes::validate).handler(routes::request);
    api.router().get("/api/v1/payouts").handler(auth).handler(RoleGuard.only(role)).handler(routes::list);
    api.openApi().fragment(OPENAPI);
  }

  private void validate(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("amount", "phone");
    check.integer("amount", 1, 100_000_000);
    String phone = check.string("phone", 9, 16);
    if (phone != null && !phone.replace(" ", "").matches(PHONE)) {
      check.problem("phone", "must be a Cameroon mobile number (+2376XXXXXXXX)");
    }
    check.done();
    ctx.next();
  }

  private void request(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonObject command = new JsonObject().put("amount", body.getLong("amount"))
      .put("phone", body.getString("phone").replace(" ", ""))
      .put("idempotencyKey", WalletBus.idempotencyKey(ctx));
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.PAYOUT_REQUEST, command)
      .compose(payout -> Responses.created(ctx, payout))
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.PAYOUT_LIST, WalletBus.page(ctx))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }
}
