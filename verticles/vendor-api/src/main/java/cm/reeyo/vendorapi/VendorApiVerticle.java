package cm.reeyo.vendorapi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The vendor-api verticle. */
public class VendorApiVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
