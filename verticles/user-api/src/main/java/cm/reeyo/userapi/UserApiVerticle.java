package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.SessionCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** User API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class UserApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/user-api.json");
    NotificationRoutes.mount(api, api.auth(SessionCheck.none()));
    WalletRoutes.mount(api, api.auth(SessionCheck.none()), Role.USER);
    TopupRoutes.mount(api, api.auth(SessionCheck.none()));
    CampayWebhookRoutes.mount(api);
    return api.listen();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
