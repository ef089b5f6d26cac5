package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.SessionCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Vendor API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class VendorApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/vendor-api.json");
    new CatalogRoutes(api, auth()).mount();
    new OrderRoutes(api, auth()).mount();
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
