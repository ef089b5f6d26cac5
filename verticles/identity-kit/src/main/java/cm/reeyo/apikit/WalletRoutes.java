package cm.reeyo.apikit;

import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/wallet} (balance) and {@code GET /api/v1/wallet/transactions} (entries, newest first,
 * cursor-paged) for the caller's own wallet; shared by the user, vendor and rider APIs. Documented by
 * {@code openapi/shared/wallet.json}.
 */
public final class WalletRoutes {

  public static final String OPENAPI = "openapi/shared/wallet.json";

  private final ApiFoundation api;

  private WalletRoutes(ApiFoundation api) {
    this.api = api;
  }

  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Role role) {
    WalletRoutes routes = new WalletRoutes(api);
    api.router().get("/api/v1/wallet").handler(auth).handler(RoleGuard.only(role)).handler(routes::balance);
    api.router().get("/api/v1/wallet/transactions").handler(auth).handler(RoleGuard.only(role))
      .handler(routes::transactions);
    api.openApi().fragment(OPENAPI);
  }

  private void balance(RoutingContext ctx) {
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.BALANCE, new io.vertx.core.json.JsonObject())
      .compose(wallet -> Responses.ok(ctx, wallet))
      .onFailure(ctx::fail);
  }

  private void transactions(RoutingContext ctx) {
    WalletBus.request(api.vertx(), AuthHandler.principal(ctx), WalletAddresses.TRANSACTIONS, WalletBus.page(ctx))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }
}
