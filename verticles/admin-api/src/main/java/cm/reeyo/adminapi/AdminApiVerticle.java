package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.OrderQueryRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.files.DocumentReviewRoutes;
import cm.reeyo.files.Files;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.AdminBootstrap;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Admin API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class AdminApiVerticle extends VerticleBase {

  private ApiFoundation api;
  private Files files;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/admin-api.json");
    Identity identity = IdentityRoutes.mount(api, AccountKind.ADMIN);
    PayoutAdminRoutes.mount(api, auth());
    PromoAdminRoutes.mount(api, auth());
    ReconciliationRoutes.mount(api, auth());
    StatsRoutes.mount(api, auth());
    StatsRepairRoutes.mount(api, auth());
    OpsRoutes.mount(api, auth());
    files = Files.create(api);
    AccountAdminRoutes.mount(identity, files);
    DocumentReviewRoutes.mount(identity, files);
    AuditRoutes.mount(identity);
    StuckRoutes.mount(identity);
    OrderQueryRoutes.mount(api, auth(), Role.ADMIN);
    new OrderRoutes(api, auth()).mount();
    Future<Void> heartbeats = new ClusterRoutes(api, auth()).mount();
    ClusterScaleRoutes.mount(api, auth());
    RidersOnlineRoutes.mount(api, auth());
    LedgerRoutes.mount(api, auth());
    ConsoleRoutes.mount(api);
    return heartbeats.compose(v -> files.ready()).compose(v -> api.listen()).compose(server -> AdminBootstrap.of(identity)
      .run(config().getJsonArray(AdminBootstrap.CONF_ADMINS)).map(server));
  }

  /** The one authentication step of this API's routes: a valid access token of a live, unsuspended account. */
  private AuthHandler auth() {
    return Identity.of(api).auth();
  }

  @Override
  public Future<?> stop() {
    files.close();
    return api.close();
  }
}
