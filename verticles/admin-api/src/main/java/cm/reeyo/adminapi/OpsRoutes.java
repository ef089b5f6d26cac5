package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Operations on blocked work (listed by {@link StuckRoutes}): {@code POST /api/v1/riders/{riderId}/cash-deposits}
 * {@code {amount, reference}} records cash a rider handed in (double entry in the wallet engine, audited), then settles the rider's blocked orders.
 */
final class OpsRoutes {

  static final String OPENAPI = "openapi/admin-api/ops.json";

  private final ApiFoundation api;

  private OpsRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    OpsRoutes routes = new OpsRoutes(api);
    RoleGuard admin = RoleGuard.only(Role.ADMIN);
    api.router().post("/api/v1/riders/:riderId/cash-deposits").handler(auth).handler(admin).handler(new JsonBody())
      .handler(routes::deposit);
    api.openApi().fragment(OPENAPI);
  }

  private void deposit(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("amount", "reference");
    Long amount = check.integer("amount", 1, 10_000_000);
    String reference = check.string("reference", 1, 100);
    check.done();
    String riderId = EngineCall.id(ctx, "riderId");
    Principal admin = AuthHandler.principal(ctx);
    JsonObject command = new JsonObject().put("riderId", riderId).put("amount", amount).put("reference", reference);
    EngineCall.request(ctx, WalletAddresses.CASH_DEPOSIT, command)
      .andThen(r -> api.audit().record(AuditLog.Entry.of(admin.id(), admin.role().name(), "rider.cash_deposit", riderId,
        r.succeeded() ? "SUCCESS" : "FAILURE").detail(amount + " XAF, reference " + reference).from(api.clientIp().of(ctx))))
      .compose(deposit -> EngineCall.request(ctx, OrderAddresses.RELEASE_BLOCKED, new JsonObject().put("riderId", riderId))
        .map(settlements -> new JsonObject().put("deposit", deposit).put("settlements", settlements)))
      .compose(answer -> Responses.created(ctx, answer))
      .onFailure(ctx::fail);
  }
}
