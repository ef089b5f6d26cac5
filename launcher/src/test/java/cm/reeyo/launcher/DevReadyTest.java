package cm.reeyo.launcher;

import cm.reeyo.testkit.LocalDynamo;
import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped dev platform (all-in-one profile, dev mode, {@code --demo}) in a child JVM, on free ports, against the
 * test Redis and DynamoDB gateway and a small Campay stand-in: the instant its {@code /ready} answers 200, the demo
 * customer logs in.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Dev mode: ready means usable (demo data seeded first)")
class DevReadyTest {

  private static final Path CONF = Path.of("..", "conf");
  private Process child;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroy();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
  @DisplayName("/ready of the user API and the management port answer 503 STARTING, then 200; a demo login sent at once → 200")
  void demoLoginTheInstantReady(Vertx vertx, VertxTestContext ctx) throws Exception {
    HttpServer campay = fakeCampay(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    int userApi = LocalRedis.Ports.free();
    int management = LocalRedis.Ports.free();
    int clusterPort = LocalRedis.Ports.free();
    List<String> stdout = new CopyOnWriteArrayList<>();
    child = start(Map.of(
      "REEYO_MODE", "dev",
      "REEYO_DYNAMODB__ENDPOINT", LocalDynamo.endpoint(),
      "REEYO_DYNAMODB__TABLE_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + "-",
      "REEYO_REDIS__URL", LocalRedis.connectionString(),
      "REEYO_FAKES__BASE_URL", "http://127.0.0.1:" + campay.actualPort(),
      "REEYO_CLUSTER__NAME", "dev-ready-" + UUID.randomUUID(),
      "REEYO_CLUSTER__PORT", String.valueOf(clusterPort),
      "REEYO_CLUSTER__MEMBERS", "127.0.0.1:" + clusterPort,
      "REEYO_MANAGEMENT__PORT", String.valueOf(management),
      "REEYO_DEPLOY", "[\"user-api\",\"order-engine\",\"wallet-engine\"]"), userApi, stdout);
    WebClient web = WebClient.create(vertx);
    JsonObject seen = new JsonObject().put("starting", 0);
    firstReady(vertx, web, userApi, seen)
      .compose(v -> web.post(userApi, "127.0.0.1", "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("phone", "+237670000001").put("password", "Demo#2026pass")))
      .compose(login -> web.get(management, "127.0.0.1", "/ready").send().map(ready -> List.of(login, ready)))
      .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
        assertThat(answers.get(0).statusCode()).as("demo login the instant /ready is 200: " + answers.get(0).bodyAsString())
          .isEqualTo(200);
        assertThat(answers.get(0).bodyAsJsonObject().getString("token")).isNotBlank();
        assertThat(answers.get(1).statusCode()).as("management /ready").isEqualTo(200);
        assertThat(seen.getInteger("starting")).as("/ready answers 503 STARTING while the node starts").isPositive();
        int demo = indexOf(stdout, "DEMO-DATA seeded");
        assertThat(demo).as("demo data seeded: " + stdout).isGreaterThanOrEqualTo(0);
        assertThat(indexOf(stdout, "READY ")).as("the READY banner comes after the demo data").isGreaterThan(demo);
        ctx.completeNow();
      })));
  }

  /** Polls {@code /ready} every 10 ms until 200, counting the 503 STARTING answers on the way. */
  private static Future<Void> firstReady(Vertx vertx, WebClient web, int port, JsonObject seen) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(10, id -> web.get(port, "127.0.0.1", "/ready").send().onSuccess(r -> {
      if (r.statusCode() == 503 && r.bodyAsString().contains("STARTING")) {
        seen.put("starting", seen.getInteger("starting") + 1);
      }
      if (r.statusCode() == 200 && vertx.cancelTimer(id)) {
        done.complete();
      }
    }));
    return done.future();
  }

  /** Campay's token and collection answers; anything else (SMS, e-mail, push) a plain 200. */
  private static Future<HttpServer> fakeCampay(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/token/").handler(c -> c.json(new JsonObject().put("token", "t").put("expires_in", 3600)));
    router.post("/collect/").handler(c -> c.json(new JsonObject().put("reference", UUID.randomUUID().toString())
      .put("ussd_code", "*126#").put("operator", "MTN")));
    router.route().handler(c -> c.json(new JsonObject()));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
  }

  private static Process start(Map<String, String> env, int userApiPort, List<String> stdout) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
      Main.class.getName(), "--profile", "all-in-one", "--conf-dir", CONF.toString(), "--demo");
    builder.environment().putAll(env);
    builder.environment().put("REEYO_VERTICLES__USER_API__CONFIG__HTTP__PORT", String.valueOf(userApiPort));
    Process process = builder
      .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "dev-ready-child.log").toFile())).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(stdout::add);
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "dev-ready-stdout");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
