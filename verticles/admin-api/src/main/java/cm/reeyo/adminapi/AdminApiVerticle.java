package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Admin API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class AdminApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/admin-api.json");
    new ClusterRoutes(api).mount();
    return api.listen();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
