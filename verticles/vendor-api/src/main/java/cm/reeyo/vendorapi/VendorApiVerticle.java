package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.OrderQueryRoutes;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.PayoutRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.files.Files;
import cm.reeyo.files.UploadRoutes;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Vendor API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class VendorApiVerticle extends VerticleBase {

  private ApiFoundation api;
  private Files files;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/vendor-api.json");
    NotificationRoutes.mount(api, auth(), Role.VENDOR);
    WalletRoutes.mount(api, auth(), Role.VENDOR);
    PayoutRoutes.mount(api, auth(), Role.VENDOR);
    IdentityRoutes.mount(api, AccountKind.VENDOR);
    files = Files.create(api);
    new CatalogRoutes(api, auth(), files).mount();
    OrderQueryRoutes.mount(api, auth(), Role.VENDOR);
    new OrderRoutes(api, auth()).mount();
    new ReviewRoutes(api, auth()).mount();
    UploadRoutes.mount(api, auth(), files, Role.VENDOR);
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
