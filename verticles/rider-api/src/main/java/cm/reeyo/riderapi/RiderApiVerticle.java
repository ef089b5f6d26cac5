package cm.reeyo.riderapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.PayoutRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Rider API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class RiderApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/rider-api.json");
    NotificationRoutes.mount(api, Identity.of(api).auth());
    new LocationRoutes(api, Identity.of(api).auth()).mount();
    WalletRoutes.mount(api, Identity.of(api).auth(), Role.RIDER);
    PayoutRoutes.mount(api, Identity.of(api).auth(), Role.RIDER);
    IdentityRoutes.mount(api, AccountKind.RIDER);
    return api.listen();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
