package cm.reeyo.userapi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The user-api verticle. */
public class UserApiVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
