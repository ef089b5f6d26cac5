package cm.reeyo.notifier;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The notifier verticle. */
public class NotifierVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
