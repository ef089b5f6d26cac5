package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** User API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class UserApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/user-api.json");
    IdentityRoutes.mount(api, AccountKind.USER);
    return api.listen();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
