package cm.reeyo.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("Dev mode (committed secrets) only starts bound to loopback with dev endpoints")
class DevModeGuardTest {

  private static final Path CONF = Path.of("..", "conf");
  private static final Map<String, String> DEV = Map.of("REEYO_MODE", "dev");

  @Test
  @DisplayName("the shipped dev configuration of every profile passes")
  void shippedDevPasses(Vertx vertx) throws Exception {
    for (String profile : new String[] {"all-in-one", "edge", "core"}) {
      assertThat(load(vertx, profile, DEV).getString("mode")).isEqualTo("dev");
    }
  }

  @Test
  @DisplayName("a public bind, cluster address, DynamoDB, Redis, fakes or management address is refused, naming the key")
  void nonLoopbackRefused(Vertx vertx) {
    Map<String, String> cases = Map.of(
      "REEYO_HTTP__HOST", "0.0.0.0",
      "REEYO_VERTICLES__ADMIN_API__CONFIG__HTTP__HOST", "192.168.1.20",
      "REEYO_CLUSTER__HOST", "10.0.0.5",
      "REEYO_CLUSTER__MEMBERS", "127.0.0.1:15701, 10.0.0.6:15701",
      "REEYO_DYNAMODB__ENDPOINT", "https://dynamodb.eu-west-1.amazonaws.com",
      "REEYO_REDIS__URL", "redis://cache.example.com:6379",
      "REEYO_FAKES__BASE_URL", "http://fakes.example.com:8089",
      "REEYO_MANAGEMENT__HOST", "0.0.0.0");
    Map<String, String> keys = Map.of("REEYO_HTTP__HOST", "http.host",
      "REEYO_VERTICLES__ADMIN_API__CONFIG__HTTP__HOST", "admin-api", "REEYO_CLUSTER__HOST", "cluster.host",
      "REEYO_CLUSTER__MEMBERS", "cluster.members[1]", "REEYO_DYNAMODB__ENDPOINT", "dynamodb.endpoint",
      "REEYO_REDIS__URL", "redis.url", "REEYO_FAKES__BASE_URL", "fakes.baseUrl", "REEYO_MANAGEMENT__HOST", "management.host");
    cases.forEach((variable, value) -> {
      Map<String, String> env = new HashMap<>(DEV);
      env.put(variable, value);
      assertThatThrownBy(() -> load(vertx, "all-in-one", env)).as(variable)
        .isInstanceOf(ConfigException.class).hasMessageContaining(keys.get(variable)).hasMessageContaining("loopback");
    });
  }

  @Test
  @DisplayName("no DynamoDB endpoint in dev mode (the real AWS) is refused; prod may bind 0.0.0.0")
  void realServicesRefused() {
    JsonObject dev = new JsonObject().put("mode", "dev").put("http", new JsonObject().put("host", "localhost"))
      .put("dynamodb", new JsonObject()).put("fakes", new JsonObject().put("baseUrl", "http://[::1]:8089"));
    assertThatThrownBy(() -> DevModeGuard.check(dev)).hasMessageContaining("dynamodb.endpoint is not set");
    dev.getJsonObject("dynamodb").put("endpoint", "http://127.0.0.1:8000");
    DevModeGuard.check(dev);
    DevModeGuard.check(new JsonObject().put("mode", "prod").put("http", new JsonObject().put("host", "0.0.0.0")));
  }

  @Test
  @DisplayName("REEYO_MODE=dev with http host 0.0.0.0: the launcher exits 2 with the reason on stderr")
  void exitsTwo() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
      Main.class.getName(), "--profile", "all-in-one", "--conf-dir", CONF.toString());
    builder.environment().put("REEYO_MODE", "dev");
    builder.environment().put("REEYO_HTTP__HOST", "0.0.0.0");
    Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("refusing to start").contains("http.host is 0.0.0.0");
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
