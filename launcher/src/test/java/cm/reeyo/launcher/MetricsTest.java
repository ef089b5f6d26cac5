package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.testkit.LocalDynamo;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.userapi.UserApiVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node with metrics on, after some traffic: {@code /metrics} on the management port shows what operators need. */
class MetricsTest {

  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(60)
  @DisplayName("/metrics exposes HTTP per route and status with a latency histogram, bus per address, business"
    + " counters and JVM metrics, with non-zero values after traffic")
  void scrapeAfterTraffic() throws Exception {
    vertx = Vertx.builder().with(NodeMetrics.enable(new VertxOptions())).withMetrics(NodeMetrics.factory()).build();
    int port = LocalRedis.Ports.free();
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), port);
    config.put("management", new JsonObject().put("port", 0));
    get(Main.warmSharedClients(vertx, config));
    get(vertx.deployVerticle(UserApiVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    ManagementServer management = new ManagementServer();
    get(vertx.deployVerticle(management, new DeploymentOptions().setConfig(config)));
    get(vertx.eventBus().<String>consumer("test.v1.echo", m -> m.reply(m.body())).completion());

    WebClient client = WebClient.create(vertx);
    for (int i = 0; i < 5; i++) {
      assertThat(get(client.get(port, "127.0.0.1", "/health").send()).statusCode()).isEqualTo(200);
      assertThat(get(client.get(port, "127.0.0.1", "/api/v1/nowhere").send()).statusCode()).isEqualTo(404);
      get(vertx.eventBus().request("test.v1.echo", "ping"));
    }
    vertx.eventBus().publish("client.user.u-123", new JsonObject().put("event", "notification").put("data", new JsonObject())
      .put("at", "2026-12-07T10:00:00.000000Z"));
    BusinessMetrics.orderTransition("DELIVERED");
    BusinessMetrics.orderTransition("DELIVERED");
    BusinessMetrics.settlement("settled");
    BusinessMetrics.notification("sms", "sent");
    BusinessMetrics.bridgeSocketOpened();
    BusinessMetrics.lockout();
    BusinessMetrics.transfer("PAYOUT", 600_000);
    BusinessMetrics.outboxDue(3);
    BusinessMetrics.eventLoopLag(250);
    var login = get(client.post(port, "127.0.0.1", "/api/v1/auth/login")
      .sendJsonObject(new JsonObject().put("phone", "+237690000999").put("password", "Wrong#pass2026")));
    assertThat(login.statusCode()).isEqualTo(401);
    Thread.sleep(200);

    var scrape = get(client.get(management.actualPort(), "127.0.0.1", "/metrics").send());
    assertThat(scrape.statusCode()).isEqualTo(200);
    String text = scrape.bodyAsString();
    BusinessMetrics.bridgeSocketClosed();

    assertThat(value(text, "vertx_http_server_requests_total", "code=\"200\"", "method=\"GET\"", "route=\"/health\""))
      .isGreaterThanOrEqualTo(5);
    assertThat(value(text, "vertx_http_server_requests_total", "code=\"404\"")).isGreaterThanOrEqualTo(5);
    assertThat(value(text, "vertx_http_server_response_time_seconds_bucket", "route=\"/health\"", "le=\"+Inf\""))
      .as("latency histogram").isGreaterThanOrEqualTo(5);
    assertThat(value(text, "vertx_eventbus_processed_total", "address=\"test.v1.echo\"")).isGreaterThanOrEqualTo(5);
    assertThat(value(text, "vertx_eventbus_published_total", "address=\"client.user.*\""))
      .as("per-identity client addresses fold into one family").isGreaterThanOrEqualTo(1);
    assertThat(text).doesNotContain("client.user.u-123");
    assertThat(value(text, "reeyo_orders_transitions_total", "status=\"DELIVERED\"")).isGreaterThanOrEqualTo(2);
    assertThat(value(text, "reeyo_settlements_total", "outcome=\"settled\"")).isGreaterThanOrEqualTo(1);
    assertThat(value(text, "reeyo_notifications_total", "channel=\"sms\"", "outcome=\"sent\""))
      .isGreaterThanOrEqualTo(1);
    assertThat(value(text, "reeyo_bridge_sockets")).isEqualTo(1);
    assertThat(value(text, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    assertThat(value(text, "reeyo_auth_logins_total", "outcome=\"failed\"")).as("a refused login through user-api")
      .isGreaterThanOrEqualTo(1);
    assertThat(value(text, "reeyo_wallet_transfer_xaf_bucket", "kind=\"PAYOUT\"", "le=\"500000.0\"")).isZero();
    assertThat(value(text, "reeyo_wallet_transfer_xaf_count", "kind=\"PAYOUT\"")).isEqualTo(1);
    assertThat(value(text, "reeyo_event_loop_lag_seconds")).isEqualTo(0.25);
    assertThat(value(text, "reeyo_outbox_due")).isEqualTo(3);
    for (String metric : metricsUsedBy(AlertRulesTest.ALERTS.resolve("reeyo-alerts.yml"), GRAFANA)) {
      value(text, metric);
    }
  }

  static final Path GRAFANA = LocalDynamo.repoRoot()
    .resolve("conf/grafana/reeyo-dashboard.json");

  /** Every {@code reeyo_*} and {@code vertx_*} series named by the alert rules and the dashboard. */
  static Set<String> metricsUsedBy(Path... files) throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      Pattern.compile("\\b((?:reeyo|vertx|jvm)_[a-z_]+)").matcher(Files.readString(file)).results()
        .forEach(m -> names.add(m.group(1)));
    }
    assertThat(names).contains("reeyo_auth_logins_total", "vertx_http_server_requests_total");
    return names;
  }

  /** The sum of the samples of {@code name} whose labels contain all {@code labels}; fails when there is none. */
  private static double value(String scrape, String name, String... labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      String tags = m.group(1) == null ? "" : m.group(1);
      if (List.of(labels).stream().allMatch(tags::contains)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    assertThat(found).as("a sample of %s with %s", name, List.of(labels)).isTrue();
    return sum;
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
