package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.WalletBus;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/wallets/{ownerId}/transactions} (ADMIN): the ledger entries of any account, newest first,
 * cursor-paged: a customer, vendor or rider id, or a platform account ({@code sys_escrow#<shard>},
 * {@code sys_revenue#<shard>}, {@code sys_payouts_in_flight}, {@code sys_external_campay}).
 */
final class LedgerRoutes {

  private final ApiFoundation api;

  private LedgerRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    LedgerRoutes routes = new LedgerRoutes(api);
    api.router().get("/api/v1/wallets/:ownerId/transactions").handler(auth).handler(RoleGuard.only(Role.ADMIN))
      .handler(routes::entries);
    api.openApi().fragment("openapi/admin-api/ledger.json");
  }

  private void entries(RoutingContext ctx) {
    String ownerId = ctx.pathParam("ownerId");
    if (ownerId == null || !ownerId.matches("[A-Za-z0-9_#-]{1,100}")) {
      throw new ApiError(ErrorCode.NOT_FOUND, "No such account");
    }
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.TRANSACTIONS,
        WalletBus.page(ctx).put("ownerId", ownerId))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }
}
