package cm.reeyo.tcpbridge;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.ServicePrincipal;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static cm.reeyo.tcpbridge.BridgeConfig.PROBE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("TCP bridge: a Node.js process on the bus as a service account")
class TcpBridgeEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private int port;
  private final List<Message<Object>> echoed = new CopyOnWriteArrayList<>();
  private final List<Message<Object>> forbidden = new CopyOnWriteArrayList<>();
  private final List<Message<Object>> alerts = new CopyOnWriteArrayList<>();

  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @BeforeAll
  static void needsNode() {
    assumeTrue(NodeService.available(), "node is not installed");
    Metrics.addRegistry(METERS);
  }

  @AfterAll
  static void dropMeters() {
    Metrics.removeRegistry(METERS);
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    port = BridgeConfig.freePort();
    MessageConsumer<Object> echo = vertx.eventBus().consumer("test.v1.echo", m -> {
      echoed.add(m);
      m.reply(new JsonObject().put("echo", m.body()));
      vertx.eventBus().publish("test.v1.feed.1", new JsonObject().put("n", echoed.size()));
    });
    List<MessageConsumer<Object>> traps = List.of(vertx.eventBus().consumer("wallet.v1.reconcile", forbidden::add),
      vertx.eventBus().consumer("client.user.u1", forbidden::add), vertx.eventBus().consumer(OpsAddresses.ALERT, alerts::add));
    echo.completion().compose(v -> io.vertx.core.Future.all(traps.stream().map(MessageConsumer::completion).toList()))
      .compose(v -> vertx.deployVerticle(new TcpBridgeVerticle(), new DeploymentOptions().setConfig(BridgeConfig.of(port))))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("with its key it sends, receives and listens where permitted; refused elsewhere it stays connected")
  void permittedAndRefused() throws Exception {
    double refusedBefore = frames("refused");
    double forwardedBefore = frames("forwarded");
    JsonObject r;
    try (NodeService probe = NodeService.start(BridgeConfig.probeEnv(port, PROBE_KEY), "probe.js", "allowed")) {
      r = probe.result(WAIT);
    }
    assertThat(r.getString("login")).isEqualTo("ok");
    assertThat(r.getString("register")).isEqualTo("ok");
    assertThat(r.getJsonObject("reply")).isEqualTo(new JsonObject().put("echo", new JsonObject().put("hello", "bus")));
    assertThat(r.getJsonObject("feed")).isEqualTo(new JsonObject().put("n", 1));
    assertThat(r.getString("refusedRequest")).isEqualTo("refused: FORBIDDEN");
    assertThat(r.getString("refusedRegister")).startsWith("refused");
    assertThat(r.getString("refusedPublish")).startsWith("refused");
    assertThat(r.getJsonObject("afterRefusals")).isEqualTo(new JsonObject().put("echo", new JsonObject().put("again", true)));
    assertThat(r.getBoolean("stillOpen")).isTrue();
    assertThat(forbidden).isEmpty();
    assertThat(alerts).isEmpty();
    assertThat(frames("refused") - refusedBefore).isEqualTo(3.0);
    assertThat(frames("forwarded") - forwardedBefore).isEqualTo(2.0);
  }

  private static double frames(String outcome) {
    return METERS.counter(BridgeCounters.FRAMES, "outcome", outcome).count();
  }

  @Test
  @DisplayName("its messages carry the service principal, never the principal headers or credentials it sent")
  void servicePrincipal() throws Exception {
    try (NodeService probe = NodeService.start(BridgeConfig.probeEnv(port, PROBE_KEY), "probe.js", "allowed")) {
      probe.result(WAIT);
    }
    assertThat(echoed).hasSize(2);
    MultiMap headers = echoed.get(0).headers();
    assertThat(headers.get(Principal.HEADER_ID)).isEqualTo("probe");
    assertThat(headers.get(Principal.HEADER_ROLE)).isEqualTo(ServicePrincipal.ROLE);
    assertThat(headers.getAll(Principal.HEADER_ID)).hasSize(1);
    assertThat(headers.get("trace")).isEqualTo("probe-1");
    assertThat(headers.names()).doesNotContain(ServiceAccounts.SERVICE_KEY, ServiceAccounts.SERVICE_ID, ServiceAccounts.TOKEN);
  }

  @Test
  @DisplayName("a wrong key is closed before anything reaches the bus")
  void wrongKey() throws Exception {
    JsonObject r;
    try (NodeService probe = NodeService.start(BridgeConfig.probeEnv(port, "probe-key-that-is-wrong-0000000001"),
      "probe.js", "allowed")) {
      r = probe.result(WAIT);
    }
    assertThat(r.getString("login")).isEqualTo("refused: connection closed");
    assertThat(echoed).isEmpty();
  }

  @Test
  @DisplayName("a connection whose first frame has no credentials is closed and its publish is dropped")
  void unauthenticated() throws Exception {
    JsonObject r;
    try (NodeService probe = NodeService.start(BridgeConfig.probeEnv(port, "unused"), "probe.js", "raw-publish")) {
      r = probe.result(WAIT);
    }
    assertThat(r.getBoolean("closed")).isTrue();
    Thread.sleep(200);
    assertThat(alerts).isEmpty();
  }

  @Test
  @DisplayName("a service JWT logs in; one of another type or signed with another key is closed")
  void serviceTokens(Vertx vertx) throws Exception {
    String valid = ServiceTokensForTests.sign(vertx, BridgeConfig.JWT_SECRET, "probe", "service");
    String access = ServiceTokensForTests.sign(vertx, BridgeConfig.JWT_SECRET, "probe", "access");
    String forged = ServiceTokensForTests.sign(vertx, "another-secret-of-enough-length-00000001", "probe", "service");
    JsonObject withValid = probeWithToken(valid);
    assertThat(withValid.getString("login")).isEqualTo("ok");
    assertThat(withValid.getJsonObject("afterRefusals")).isNotNull();
    assertThat(echoed.get(0).headers().get(Principal.HEADER_ID)).isEqualTo("probe");
    assertThat(probeWithToken(access).getString("login")).isEqualTo("refused: connection closed");
    assertThat(probeWithToken(forged).getString("login")).isEqualTo("refused: connection closed");
  }

  @Test
  @DisplayName("the anomaly watcher turns a large ledger movement into an alert on ops.v1.alert, sent as its account")
  void watcherAlerts(Vertx vertx) throws Exception {
    try (NodeService watcher = NodeService.start(java.util.Map.of("REEYO_TCP_BRIDGE", "127.0.0.1:" + port,
      "REEYO_SERVICE_ID", "anomaly-watcher", "REEYO_SERVICE_KEY", BridgeConfig.WATCHER_KEY,
      "WATCH_LARGE_AMOUNT_XAF", "100000"), "index.js")) {
      watcher.await(l -> l.contains("\"message\":\"ready\""), WAIT);
      vertx.eventBus().publish(WalletAddresses.EVENTS, LedgerEventsForTests.topUp("t-small", "u1", 5_000));
      vertx.eventBus().publish(WalletAddresses.EVENTS, LedgerEventsForTests.topUp("t-large", "u1", 250_000));
      watcher.await(l -> l.contains("large-transaction"), WAIT);
      long deadline = System.currentTimeMillis() + 5_000;
      while (alerts.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(alerts).hasSize(1);
    Message<Object> alert = alerts.get(0);
    JsonObject body = (JsonObject) alert.body();
    assertThat(body.getString("kind")).isEqualTo("large-transaction");
    assertThat(body.getString("walletId")).isEqualTo("wallet_u1");
    assertThat(body.getLong("amount")).isEqualTo(250_000L);
    assertThat(body.getLong("threshold")).isEqualTo(100_000L);
    assertThat(body.getString("transferId")).isEqualTo("t-large");
    assertThat(alert.headers().get(Principal.HEADER_ID)).isEqualTo("anomaly-watcher");
    assertThat(alert.headers().get(Principal.HEADER_ROLE)).isEqualTo(ServicePrincipal.ROLE);
  }

  private JsonObject probeWithToken(String token) throws InterruptedException {
    try (NodeService probe = NodeService.start(java.util.Map.of("REEYO_TCP_BRIDGE", "127.0.0.1:" + port,
      "REEYO_SERVICE_TOKEN", token), "probe.js", "allowed")) {
      return probe.result(WAIT);
    }
  }
}
