package cm.reeyo.adminapi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The admin-api verticle. */
public class AdminApiVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
