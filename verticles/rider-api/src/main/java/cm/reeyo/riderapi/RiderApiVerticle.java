package cm.reeyo.riderapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.SessionCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Rider API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class RiderApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/rider-api.json");
    new DispatchRoutes(api, auth()).mount();
    return api.listen();
  }

  /** The one authentication step of this API's routes (switch to identity's SessionCheck here). */
  private AuthHandler auth() {
    return api.auth(SessionCheck.none());
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
