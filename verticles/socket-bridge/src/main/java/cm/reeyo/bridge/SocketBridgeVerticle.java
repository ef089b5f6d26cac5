package cm.reeyo.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The socket-bridge verticle. */
public class SocketBridgeVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
