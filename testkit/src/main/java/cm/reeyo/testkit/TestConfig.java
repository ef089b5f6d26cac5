package cm.reeyo.testkit;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Node configuration for tests: the test JVM's own Redis and DynamoDB gateway, tables under a fresh prefix
 * (created on start; SDK attempts may take 8 s, since the emulator on a loaded build machine is far slower than DynamoDB),
 * a test JWT secret, HTTP on a free port, no close linger on undeploy (tests that re-scale
 * under load set {@code http.closeLingerMs} back). Same shape as {@code conf/default.json}.
 */
public final class TestConfig {

  public static final String JWT_SECRET = "test-only-secret-test-only-secret-0123456789";

  private TestConfig() {
  }

  /** A config whose tables nobody else uses (prefix {@code t<random>-}). */
  public static JsonObject fresh() {
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    return new JsonObject()
      .put("mode", "dev")
      .put("redis", new JsonObject().put("url", LocalRedis.connectionString()))
      .put("dynamodb", new JsonObject().put("endpoint", LocalDynamo.endpoint()).put("region", "us-east-1")
        .put("tablePrefix", prefix).put("createTables", true).put("attemptTimeoutMs", 8_000).put("callTimeoutMs", 20_000))
      .put("jwt", new JsonObject().put("secret", JWT_SECRET).put("issuer", "reeyo").put("audience", "reeyo-apps")
        .put("accessTtlSeconds", 900).put("refreshTtlSeconds", 2_592_000))
      .put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("closeLingerMs", 0))
      .put("rateLimits", new JsonObject().put("global", new JsonObject().put("limit", 100_000))
        .put("account", new JsonObject().put("limit", 100_000)));
  }

  /**
   * {@code config} with its {@code files} section on the JVM's S3 server ({@link LocalS3}, started on first use), buckets
   * created on start, presigned URLs valid 60 s.
   */
  public static JsonObject withFiles(JsonObject config) {
    return config.copy().put("files", new JsonObject().put("endpoint", LocalS3.endpoint())
      .put("accessKey", LocalS3.ACCESS_KEY).put("secretKey", LocalS3.SECRET_KEY).put("region", LocalS3.REGION)
      .put("createBuckets", true).put("uploadTtlSeconds", 60).put("viewTtlSeconds", 60)
      .put("catalogObjectAcl", "public-read"));
  }

  /** {@link #fresh()} with HTTP on the given port. */
  public static JsonObject withPort(JsonObject config, int port) {
    return config.copy().put("http", config.getJsonObject("http").copy().put("port", port));
  }
}
