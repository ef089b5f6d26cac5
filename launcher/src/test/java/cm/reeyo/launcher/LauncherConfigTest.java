package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LauncherConfigTest {

  private static final Path CONF = Path.of("..", "conf");
  private static final String GOOD_SECRET = "a-production-secret-of-32-chars!";

  private static JsonObject defaults() {
    return new JsonObject()
      .put("mode", "prod")
      .put("jwt", new JsonObject().put("secret", null).put("issuer", "reeyo").put("accessTtlSeconds", 900))
      .put("redis", new JsonObject().put("url", "redis://127.0.0.1:6379"))
      .put("cluster", new JsonObject().put("port", 15701).put("members", new JsonArray().add("127.0.0.1:15701")))
      .put("verticles", new JsonObject()
        .put("user-api", new JsonObject().put("instances", 1)
          .put("config", new JsonObject().put("http", new JsonObject().put("port", 3001))))
        .put("order-engine", new JsonObject().put("instances", 1)));
  }

  private static JsonObject dev() {
    return new JsonObject().put("jwt", new JsonObject().put("secret", "dev-secret"))
      .put("dev", new JsonObject().put("demoData", true))
      .put("http", new JsonObject().put("host", "127.0.0.1"))
      .put("dynamodb", new JsonObject().put("endpoint", "http://127.0.0.1:8000"))
      .put("fakes", new JsonObject().put("baseUrl", "http://127.0.0.1:8089"));
  }

  private static JsonObject profile() {
    return new JsonObject().put("deploy", new JsonArray().add("user-api"))
      .put("verticles", new JsonObject().put("user-api", new JsonObject().put("instances", 2)));
  }

  @Test
  @DisplayName("profile overrides defaults deeply; dev.json applies only in dev mode")
  void layersMerge() {
    JsonObject prod = LauncherConfig.merge(defaults(), dev(), profile(), Map.of());
    assertThat(prod.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(2);
    assertThat(prod.getJsonObject("verticles").getJsonObject("user-api").getJsonObject("config")
      .getJsonObject("http").getInteger("port")).isEqualTo(3001);
    assertThat(prod.getJsonObject("jwt").getString("secret")).isNull();
    assertThat(prod.containsKey("dev")).isFalse();

    JsonObject devMode = LauncherConfig.merge(defaults(), dev(), profile(), Map.of("REEYO_MODE", "dev"));
    assertThat(devMode.getJsonObject("jwt").getString("secret")).isEqualTo("dev-secret");
    assertThat(devMode.getJsonObject("jwt").getString("issuer")).isEqualTo("reeyo");
    assertThat(devMode.getJsonObject("dev").getBoolean("demoData")).isTrue();
  }

  @Test
  @DisplayName("REEYO_ variables override paths, keep types and match verticle and camelCase names")
  void envOverrides() {
    Map<String, String> env = Map.of(
      "REEYO_JWT__SECRET", "12345678901234567890123456789012345",
      "REEYO_REDIS__URL", "redis://10.0.0.9:6380",
      "REEYO_VERTICLES__USER_API__INSTANCES", "4",
      "REEYO_JWT__ACCESS_TTL_SECONDS", "60",
      "REEYO_CLUSTER__MEMBERS", "10.0.0.1:15701, 10.0.0.2:15701",
      "REEYO_DEV__DEMO_DATA", "true",
      "REEYO_VERTICLES__NOTIFIER__CONFIG__SMS__ENABLED", "false",
      "OTHER_VAR", "ignored");
    JsonObject config = LauncherConfig.merge(defaults(), dev(), profile(), env);

    assertThat(config.getJsonObject("jwt").getString("secret")).isEqualTo("12345678901234567890123456789012345");
    assertThat(config.getJsonObject("redis").getString("url")).isEqualTo("redis://10.0.0.9:6380");
    assertThat(config.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(4);
    assertThat(config.getJsonObject("jwt").getValue("accessTtlSeconds")).isEqualTo(60);
    assertThat(config.getJsonObject("cluster").getJsonArray("members").getList())
      .containsExactly("10.0.0.1:15701", "10.0.0.2:15701");
    assertThat(config.getJsonObject("dev").getValue("demoData")).isEqualTo(true);
    assertThat(config.getJsonObject("verticles").getJsonObject("notifier").getJsonObject("config")
      .getJsonObject("sms").getValue("enabled")).isEqualTo(false);
    assertThat(config.fieldNames()).doesNotContain("other-var", "otherVar");
  }

  @Test
  @DisplayName("outside dev mode a missing or short JWT secret is refused; 32 characters pass")
  void jwtSecretRule() {
    assertThatThrownBy(() -> LauncherConfig.validate(LauncherConfig.merge(defaults(), dev(), profile(), Map.of())))
      .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32");
    Map<String, String> shortSecret = Map.of("REEYO_JWT__SECRET", "x".repeat(31));
    assertThatThrownBy(() -> LauncherConfig.validate(LauncherConfig.merge(defaults(), dev(), profile(), shortSecret)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("found 31");

    JsonObject ok = LauncherConfig.merge(defaults(), dev(), profile(), Map.of("REEYO_JWT__SECRET", GOOD_SECRET));
    assertThat(LauncherConfig.validate(ok).getString("mode")).isEqualTo("prod");
    JsonObject devMode = LauncherConfig.merge(defaults(), dev(), profile(), Map.of("REEYO_MODE", "dev"));
    assertThat(LauncherConfig.validate(devMode).getJsonObject("jwt").getString("secret")).isEqualTo("dev-secret");
  }

  @Test
  @DisplayName("unknown verticles, negative instance counts and port ranges in members are refused")
  void refusesBadConfig() {
    Map<String, String> secret = Map.of("REEYO_JWT__SECRET", GOOD_SECRET);
    JsonObject unknown = LauncherConfig.merge(defaults(), dev(),
      new JsonObject().put("deploy", new JsonArray().add("no-such-api")), secret);
    assertThatThrownBy(() -> LauncherConfig.validate(unknown)).hasMessageContaining("no-such-api");

    JsonObject negative = LauncherConfig.merge(defaults(), dev(), profile(),
      Map.of("REEYO_JWT__SECRET", GOOD_SECRET, "REEYO_VERTICLES__USER_API__INSTANCES", "-1"));
    assertThatThrownBy(() -> LauncherConfig.validate(negative)).hasMessageContaining("instances");

    JsonObject range = LauncherConfig.merge(defaults(), dev(), profile(),
      Map.of("REEYO_JWT__SECRET", GOOD_SECRET, "REEYO_CLUSTER__MEMBERS", "127.0.0.1:15701-15705"));
    assertThatThrownBy(() -> LauncherConfig.validate(range)).hasMessageContaining("no ranges");

    assertThatThrownBy(() -> LauncherConfig.validate(LauncherConfig.merge(defaults(), dev(), profile(),
      Map.of("REEYO_JWT__SECRET", GOOD_SECRET, "REEYO_MODE", "staging")))).hasMessageContaining("mode");
  }

  @Test
  @DisplayName("the override file is the last layer: it wins over the profile and the environment")
  void overrideLayer() {
    JsonObject override = new JsonObject().put("verticles", new JsonObject()
      .put("user-api", new JsonObject().put("instances", 4)));
    JsonObject config = LauncherConfig.merge(defaults(), dev(), profile(), override,
      Map.of("REEYO_MODE", "dev", "REEYO_VERTICLES__USER_API__INSTANCES", "3"));
    JsonObject userApi = config.getJsonObject("verticles").getJsonObject("user-api");
    assertThat(userApi.getInteger("instances")).isEqualTo(4);
    assertThat(userApi.getJsonObject("config").getJsonObject("http").getInteger("port")).isEqualTo(3001);
    assertThat(config.getJsonObject("jwt").getString("secret")).isEqualTo("dev-secret");
  }

  @Test
  @DisplayName("a missing override file counts as empty; a broken one is refused")
  void overrideFileRead(Vertx vertx, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Map<String, String> devEnv = Map.of("REEYO_MODE", "dev");
    Path file = dir.resolve("override.json");
    JsonObject absent = LauncherConfig.load(vertx, CONF, "edge", file, devEnv).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(absent.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(2);
    java.nio.file.Files.writeString(file, "{\"verticles\": {\"user-api\": {\"instances\": 5}}}");
    JsonObject present = LauncherConfig.load(vertx, CONF, "edge", file, devEnv).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(present.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(5);
    java.nio.file.Files.writeString(file, "{\"verticles\": ");
    assertThatThrownBy(() -> LauncherConfig.load(vertx, CONF, "edge", file, devEnv).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ConfigException.class)
      .hasMessageContaining("cannot read");
  }

  @Test
  @DisplayName("the shipped conf/ loads every profile; prod refuses without a secret")
  void shippedProfiles(Vertx vertx) throws Exception {
    Map<String, String> devEnv = Map.of("REEYO_MODE", "dev");
    JsonObject all = load(vertx, "all-in-one", devEnv);
    assertThat(all.getJsonArray("deploy")).hasSize(9).contains("tcp-bridge");
    assertThat(all.getJsonObject("tcpBridge").getJsonArray("accounts").getJsonObject(0).getString("id"))
      .isEqualTo("anomaly-watcher");
    assertThat(all.getJsonObject("node").getString("profile")).isEqualTo("all-in-one");
    assertThat(all.getJsonObject("dynamodb").getString("endpoint")).isEqualTo("http://127.0.0.1:8000");
    assertThat(all.getJsonObject("fakes").getString("baseUrl")).isEqualTo("http://127.0.0.1:8089");
    assertThat(all.getJsonObject("jwt").getString("secret")).hasSizeGreaterThanOrEqualTo(32);

    JsonObject edge = load(vertx, "edge", devEnv);
    assertThat(edge.getJsonArray("deploy").getList())
      .containsExactlyInAnyOrder("user-api", "vendor-api", "rider-api", "admin-api", "socket-bridge");
    assertThat(load(vertx, "core", devEnv).getJsonArray("deploy").getList())
      .containsExactlyInAnyOrder("order-engine", "wallet-engine", "notifier", "tcp-bridge");

    assertThatThrownBy(() -> load(vertx, "core", Map.of())).hasMessageContaining("jwt.secret");
    JsonObject prod = load(vertx, "core", Map.of("REEYO_JWT__SECRET", GOOD_SECRET));
    assertThat(prod.getJsonObject("dynamodb").getValue("endpoint")).isNull();
    assertThat(prod.getJsonObject("tcpBridge").getJsonArray("accounts")).isEmpty();
    assertThat(prod.getJsonObject("tcpBridge").getJsonObject("serviceJwt").getValue("secret")).isNull();
    assertThat(prod.containsKey("fakes") && prod.getJsonObject("fakes").getValue("baseUrl") != null).isFalse();
    assertThatThrownBy(() -> load(vertx, "no-such-profile", devEnv)).hasMessageContaining("no node profile");
  }

  private static JsonObject load(Vertx vertx, String profile, Map<String, String> env) throws Exception {
    try {
      return LauncherConfig.load(vertx, CONF, profile, env).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
