package cm.reeyo.riderapi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The rider-api verticle. */
public class RiderApiVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
