package cm.reeyo.bridge;

import cm.reeyo.testkit.TestConfig;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens for tests, signed with the test secret (or not) by a small JDK HMAC signer of their own, so the bridge's
 * checks run against tokens its own codec did not make.
 */
final class Tokens {

  private static final String HEADER = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode());

  private Tokens() {
  }

  static String access(String id, String role) {
    return access(id, role, 900);
  }

  static String access(String id, String role, long ttlSeconds) {
    return sign(TestConfig.JWT_SECRET, claims(id, role, "access", Instant.now(), ttlSeconds));
  }

  static String refresh(String id, String role) {
    return sign(TestConfig.JWT_SECRET, claims(id, role, "refresh", Instant.now(), 900));
  }

  static String expired(String id, String role) {
    return sign(TestConfig.JWT_SECRET, claims(id, role, "access", Instant.now().minus(Duration.ofHours(2)), 900));
  }

  static String forged(String id, String role) {
    return sign("another-secret-another-secret-0123456789", claims(id, role, "access", Instant.now(), 900));
  }

  private static JsonObject claims(String id, String role, String typ, Instant issuedAt, long ttlSeconds) {
    long iat = issuedAt.getEpochSecond();
    return new JsonObject().put("sub", id).put("role", role).put("typ", typ)
      .put("iss", "reeyo").put("aud", "reeyo-apps").put("iat", iat).put("exp", iat + ttlSeconds);
  }

  private static String sign(String secret, JsonObject claims) {
    String body = HEADER + "." + b64(claims.encode());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return body + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The one web origin the test bridge accepts (CORS). */
  static final String APP_ORIGIN = "http://localhost:8080";

  /** The test node configuration the bridge reads (Redis of the test JVM, test JWT secret, given port). */
  static JsonObject bridgeConfig(int port, JsonObject bridge) {
    return new JsonObject()
      .put("redis", new JsonObject().put("url", cm.reeyo.testkit.LocalRedis.connectionString()))
      .put("jwt", new JsonObject().put("secret", TestConfig.JWT_SECRET).put("issuer", "reeyo").put("audience", "reeyo-apps"))
      .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1")
        .put("cors", new JsonObject().put("origins", new io.vertx.core.json.JsonArray().add(APP_ORIGIN))))
      .put("bridge", bridge);
  }
}
