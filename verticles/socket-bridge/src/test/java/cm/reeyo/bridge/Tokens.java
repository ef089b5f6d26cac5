package cm.reeyo.bridge;

import cm.reeyo.edge.JwtCodec;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;

/** Access tokens for tests, signed with the test secret (or not). */
final class Tokens {

  static final JwtCodec JWT = new JwtCodec(TestConfig.JWT_SECRET, "reeyo", "reeyo-apps", Clock.systemUTC());

  private Tokens() {
  }

  static String access(String id, String role) {
    return access(id, role, 900);
  }

  static String access(String id, String role, long ttlSeconds) {
    return JWT.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), ttlSeconds);
  }

  static String refresh(String id, String role) {
    return JWT.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "refresh"), 900);
  }

  static String expired(String id, String role) {
    JwtCodec past = new JwtCodec(TestConfig.JWT_SECRET, "reeyo", "reeyo-apps",
      Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
    return past.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  static String forged(String id, String role) {
    JwtCodec other = new JwtCodec("another-secret-another-secret-0123456789", "reeyo", "reeyo-apps", Clock.systemUTC());
    return other.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  /** The test node configuration the bridge reads (Redis of the test JVM, test JWT secret, given port). */
  static JsonObject bridgeConfig(int port, JsonObject bridge) {
    return new JsonObject()
      .put("redis", new JsonObject().put("url", cm.reeyo.testkit.LocalRedis.connectionString()))
      .put("jwt", new JsonObject().put("secret", TestConfig.JWT_SECRET).put("issuer", "reeyo").put("audience", "reeyo-apps"))
      .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1"))
      .put("bridge", bridge);
  }
}
