package cm.reeyo.simulator;

import cm.reeyo.bridge.SocketBridgeVerticle;
import cm.reeyo.contracts.Role;
import cm.reeyo.platformtest.TestPlatform;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("City simulator against the real platform (four APIs, engines, notifier, socket bridge, fakes)")
@ExtendWith(VertxExtension.class)
class SimulatorTest {

  private static final String ADMIN_EMAIL = "sim-admin@reeyo.test";
  private static final String ADMIN_PASSWORD = "Sim#Admin2026";
  private static WireMockServer fakes;

  @BeforeAll
  static void startFakes() {
    fakes = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().usingFilesUnderDirectory("../../devservices/fakes")
      .templatingEnabled(true).globalTemplating(false));
    fakes.start();
  }

  @AfterAll
  static void stopFakes() {
    fakes.stop();
  }

  /** The platform as {@link TestPlatform} deploys it, plus the notifier and the socket bridge; the admin is bootstrapped. */
  static final class City extends TestPlatform {
    int bridgePort;

    City(Vertx vertx, JsonObject config) {
      super(vertx, config);
    }

    Future<City> start() {
      bridgePort = LocalRedis.Ports.free();
      return deploy()
        .compose(v -> deployNotifier(config.copy().put("notifier", new JsonObject()
          .put("outbox", new JsonObject().put("drainIntervalMs", 100)))))
        .compose(v -> vertx.deployVerticle(new SocketBridgeVerticle(),
          new DeploymentOptions().setConfig(TestConfig.withPort(config, bridgePort))))
        .map(this);
    }
  }

  static JsonObject nodeConfig(String fakesUrl) {
    JsonObject config = TestConfig.withFiles(TestConfig.fresh());
    config.getJsonObject("http").put("trustedProxyHeader", "X-Forwarded-For");
    return config
      .put("identity", new JsonObject().put("bcryptCost", 10))
      .put("fakes", new JsonObject().put("baseUrl", fakesUrl))
      .put("campay", new JsonObject().put("baseUrl", fakesUrl).put("timeoutMs", 5000))
      .put("wallet", new JsonObject().put("reconcileIntervalSeconds", 0).put("pollerIntervalSeconds", 3600))
      .put("admins", new JsonArray().add(new JsonObject().put("email", ADMIN_EMAIL).put("phone", "+237670009999")
        .put("name", "Sim Admin").put("password", ADMIN_PASSWORD)));
  }

  /** The platform deployed; on a busy machine the first DynamoDB calls of a JVM may time out, so the caller retries once. */
  private static Future<City> startOnce(Vertx vertx, JsonObject config) {
    return new City(vertx, config).start();
  }

  private static Future<Void> undeployAll(Vertx vertx) {
    return Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
  }

  @Test
  @Timeout(value = 480, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A short bounded run delivers orders paid each way, settles them once, keeps the ledger whole, with zero errors")
  void shortRun(Vertx vertx, VertxTestContext ctx) {
    String fakesUrl = "http://127.0.0.1:" + fakes.port();
    JsonObject config = nodeConfig(fakesUrl);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    startOnce(vertx, config).recover(f -> undeployAll(vertx).compose(v -> startOnce(vertx, config))).compose(p -> {
      SimOptions o = SimOptions.defaults();
      SimOptions run = new SimOptions(6, 2, 5, 20, 1.0, 42, new SimOptions.Endpoints("127.0.0.1", p.port(Role.USER),
        p.port(Role.VENDOR), p.port(Role.RIDER), p.bridgePort, p.port(Role.ADMIN)), fakesUrl, ADMIN_EMAIL, ADMIN_PASSWORD,
        60, 60, 0.0, o.escrowShards(), true);
      return new Simulation(vertx, run, out).run();
    }).onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
      String summary = printed.toString(StandardCharsets.UTF_8);
      System.out.println(summary);
      assertThat(outcome.failures()).as(summary).isEmpty();
      assertThat(outcome.errors()).as(summary).isZero();
      assertThat(outcome.events().getOrDefault("delivered WALLET", 0L)).as(summary).isPositive();
      assertThat(outcome.events().getOrDefault("delivered CASH", 0L)).as(summary).isPositive();
      assertThat(outcome.events().getOrDefault("delivered MOBILE_MONEY", 0L)).as(summary).isPositive();
      assertThat(summary).contains("invariants: all hold").contains("RESULT: PASS");
      assertThat(outcome.passed()).isTrue();
      ctx.completeNow();
    })));
  }
}
