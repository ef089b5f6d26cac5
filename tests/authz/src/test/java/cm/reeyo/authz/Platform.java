package cm.reeyo.authz;

import cm.reeyo.platformtest.TestPlatform;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The real platform ({@link TestPlatform}) with the notifier. Third-party providers (Twilio, SendGrid, SNS, Campay)
 * point at a closed local port: nothing here needs them (cash orders, no top-up, no payout approval).
 */
final class Platform extends TestPlatform {

  /** The vendors' place (Douala centre); customers order from ≈ 2 km north of it. */
  static final double VENDOR_LAT = 4.0511;
  static final double VENDOR_LNG = 9.7679;
  static final double CUSTOMER_LAT = 4.0691;
  static final double CUSTOMER_LNG = 9.7679;

  private Platform(Vertx vertx, JsonObject config) {
    super(vertx, config);
  }

  static Future<Platform> start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /** {@link #start(Vertx)} with {@code extra} deep-merged into the node configuration (e.g. rate limits). */
  static Future<Platform> start(Vertx vertx, JsonObject extra) {
    JsonObject config = TestConfig.withFiles(TestConfig.fresh())
      .put("fakes", new JsonObject().put("baseUrl", "http://127.0.0.1:" + LocalRedis.Ports.free()))
      .mergeIn(extra, true);
    Platform p = new Platform(vertx, config);
    return p.deploy().compose(v -> p.deployNotifier(config)).map(p);
  }
}
