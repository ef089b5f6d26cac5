package cm.reeyo.riderapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.PayoutRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.SessionCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Rider API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class RiderApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/rider-api.json");
    NotificationRoutes.mount(api, api.auth(SessionCheck.none()));
    new LocationRoutes(api, api.auth(SessionCheck.none())).mount();
    WalletRoutes.mount(api, api.auth(SessionCheck.none()), Role.RIDER);
    PayoutRoutes.mount(api, api.auth(SessionCheck.none()), Role.RIDER);
    return api.listen();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
