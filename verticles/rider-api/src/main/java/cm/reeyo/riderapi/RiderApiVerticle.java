package cm.reeyo.riderapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.PayoutRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.files.DocumentRoutes;
import cm.reeyo.files.Files;
import cm.reeyo.files.UploadRoutes;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Rider API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class RiderApiVerticle extends VerticleBase {

  private ApiFoundation api;
  private Files files;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/rider-api.json");
    NotificationRoutes.mount(api, auth(), Role.RIDER);
    new LocationRoutes(api, auth()).mount();
    WalletRoutes.mount(api, auth(), Role.RIDER);
    PayoutRoutes.mount(api, auth(), Role.RIDER);
    IdentityRoutes.mount(api, AccountKind.RIDER);
    new DispatchRoutes(api, auth()).mount();
    files = Files.create(api);
    UploadRoutes.mount(api, auth(), files, Role.RIDER);
    DocumentRoutes.mount(api, auth(), files);
    return files.ready().compose(v -> api.listen());
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
