package cm.reeyo.wallet;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The wallet-engine verticle. */
public class WalletEngineVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
