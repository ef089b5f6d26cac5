package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.WalletBus;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Payout administration: {@code GET /api/v1/payouts?status=}, {@code POST /api/v1/payouts/{id}/approve} (Campay
 * withdrawal; {@code {allowOtherPhone: true}} is needed when the payout's number is not the owner's verified phone) and
 * {@code POST /api/v1/payouts/{id}/reject} {@code {reason}} (amount returned). Every decision is audited.
 */
final class PayoutAdminRoutes {

  static final String OPENAPI = "openapi/admin-api/payouts.json";
  static final Set<String> STATUSES = Set.of("REQUESTED", "PROCESSING", "PAID", "FAILED", "REJECTED");

  private final ApiFoundation api;

  private PayoutAdminRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    PayoutAdminRoutes routes = new PayoutAdminRoutes(api);
    RoleGuard admin = RoleGuard.only(Role.ADMIN);
    api.router().get("/api/v1/payouts").handler(auth).handler(admin).handler(routes::list);
    api.router().post("/api/v1/payouts/:payoutId/approve").handler(auth).handler(admin).handler(new JsonBody())
      .handler(routes::validateApprove).handler(ctx -> routes.decide(ctx, "APPROVE"));
    api.router().post("/api/v1/payouts/:payoutId/reject").handler(auth).handler(admin).handler(new JsonBody())
      .handler(routes::validateReject).handler(ctx -> routes.decide(ctx, "REJECT"));
    api.openApi().fragment(OPENAPI);
  }

  private void list(RoutingContext ctx) {
    JsonObject query = WalletBus.page(ctx);
    String status = ctx.request().getParam("status", "REQUESTED");
    if (!STATUSES.contains(status)) {
      throw ApiError.validation("status", "must be one of " + STATUSES);
    }
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.PAYOUT_LIST, query.put("status", status))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  /** An approval may carry {@code allowOtherPhone}: the admin checked the number of a payout not to the owner's verified phone. */
  private void validateApprove(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("allowOtherPhone");
    check.optionalBool("allowOtherPhone");
    check.done();
    ctx.next();
  }

  private void validateReject(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    check.string("reason", 1, 500);
    check.done();
    ctx.next();
  }

  private void decide(RoutingContext ctx, String decision) {
    Principal admin = AuthHandler.principal(ctx);
    String payoutId = ctx.pathParam("payoutId");
    if (payoutId == null || payoutId.length() > 100) {
      throw ApiError.validation("payoutId", "is not valid");
    }
    JsonObject command = new JsonObject().put("payoutId", payoutId).put("decision", decision)
      .put("reason", JsonBody.of(ctx).getString("reason"));
    if (Boolean.TRUE.equals(JsonBody.of(ctx).getValue("allowOtherPhone"))) {
      command.put("allowOtherPhone", true);
    }
    WalletBus.request(api.vertx(), admin, WalletAddresses.PAYOUT_DECIDE, command)
      .andThen(r -> api.audit().record(AuditLog.Entry.of(admin.id(), admin.role().name(),
        "payout." + decision.toLowerCase(), payoutId, r.succeeded() ? "SUCCESS" : "FAILURE").from(api.clientIp().of(ctx))))
      .compose(payout -> Responses.ok(ctx, payout))
      .onFailure(ctx::fail);
  }
}
