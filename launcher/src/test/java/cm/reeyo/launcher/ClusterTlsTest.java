package cm.reeyo.launcher;

import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Cluster security: event-bus mutual TLS between nodes, and the prod configuration check")
class ClusterTlsTest {

  private static final String ADDRESS = "test.v1.tls-echo";
  private final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Vertx node : nodes) {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(180)
  @DisplayName("two nodes with the cluster's certificate talk over TLS; a node without one joins Hazelcast but cannot deliver a message")
  void mutualTls() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    JsonObject tls = new JsonObject().put("certPath", cert.certificatePath()).put("keyPath", cert.privateKeyPath())
      .put("caPath", cert.certificatePath());
    String cluster = "reeyo-tls-" + UUID.randomUUID();
    int a = LocalRedis.Ports.free();
    int b = LocalRedis.Ports.free();
    int c = LocalRedis.Ports.free();
    String members = "127.0.0.1:" + a + ",127.0.0.1:" + b + ",127.0.0.1:" + c;
    Vertx responder = start(withTls(ClusterTestNode.clusterConfig(cluster, a, members), tls));
    AtomicInteger received = new AtomicInteger();
    responder.eventBus().<String>consumer(ADDRESS, msg -> {
      received.incrementAndGet();
      msg.reply("pong");
    }).completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Vertx member = start(withTls(ClusterTestNode.clusterConfig(cluster, b, members), tls));
    Vertx stranger = start(ClusterTestNode.clusterConfig(cluster, c, members));

    assertThat(firstReply(member)).isEqualTo("pong");
    int before = received.get();
    for (int i = 0; i < 3; i++) {
      Future<?> attempt = stranger.eventBus().request(ADDRESS, "ping", new DeliveryOptions().setSendTimeout(2_000));
      assertThatThrownBy(() -> attempt.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    }
    assertThat(received.get()).as("nothing from the node without a certificate arrived").isEqualTo(before);
  }

  @Test
  @DisplayName("prod refuses a non-loopback cluster host without cluster.tls, unreadable TLS files and a short bus secret")
  void prodNeedsTls() {
    JsonObject prod = new JsonObject().put(LauncherConfig.MODE, LauncherConfig.MODE_PROD)
      .put("cluster", new JsonObject().put("host", "10.0.0.5"));
    assertThatThrownBy(() -> ClusterSecurity.check(prod)).isInstanceOf(ConfigException.class).hasMessageContaining("cluster.tls");
    JsonObject missing = prod.copy();
    missing.getJsonObject("cluster").put("tls", new JsonObject().put("certPath", "/nope.pem"));
    assertThatThrownBy(() -> ClusterSecurity.check(missing)).isInstanceOf(ConfigException.class).hasMessageContaining("certPath");
    JsonObject loopback = new JsonObject().put(LauncherConfig.MODE, LauncherConfig.MODE_PROD)
      .put("cluster", new JsonObject().put("host", "127.0.0.1").put("busSecret", "short"));
    assertThatThrownBy(() -> ClusterSecurity.check(loopback)).isInstanceOf(ConfigException.class).hasMessageContaining("busSecret");
    ClusterSecurity.check(new JsonObject().put(LauncherConfig.MODE, LauncherConfig.MODE_PROD)
      .put("cluster", new JsonObject().put("host", "127.0.0.1")));
  }

  private Vertx start(JsonObject config) throws Exception {
    Vertx node = ClusterNode.start(config).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  private static JsonObject withTls(JsonObject config, JsonObject tls) {
    config.getJsonObject("cluster").put("tls", tls);
    return config;
  }

  /** The first reply once the consumer's registration has reached the caller's node. */
  private static String firstReply(Vertx caller) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return caller.eventBus().<String>request(ADDRESS, "ping", new DeliveryOptions().setSendTimeout(3_000))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
