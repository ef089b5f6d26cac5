package cm.reeyo.orders;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The order-engine verticle. */
public class OrderEngineVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
