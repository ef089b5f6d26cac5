package cm.reeyo.adminapi;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/reconciliation?full=true|false}: runs the ledger proof now (sum of balances is zero, every wallet
 * equals its entries, every transfer balances), from the wallet engine's checkpoints unless {@code full=true}, and
 * answers the report.
 */
final class ReconciliationRoutes {

  static final String OPENAPI = "openapi/admin-api/reconciliation.json";

  private final ApiFoundation api;

  private ReconciliationRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    ReconciliationRoutes routes = new ReconciliationRoutes(api);
    api.router().get("/api/v1/reconciliation").handler(auth).handler(RoleGuard.only(Role.ADMIN)).handler(routes::run);
    api.openApi().fragment(OPENAPI);
  }

  private void run(RoutingContext ctx) {
    boolean full = "true".equals(ctx.queryParams().get("full"));
    BusClient.of(api.vertx()).request(WalletAddresses.RECONCILE, new JsonObject().put("full", full), AuthHandler.principal(ctx))
      .compose(reply -> Responses.ok(ctx, reply))
      .onFailure(ctx::fail);
  }
}
