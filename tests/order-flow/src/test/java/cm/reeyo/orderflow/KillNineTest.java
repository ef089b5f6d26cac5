package cm.reeyo.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real {@code kill -9} of the node that runs the engines, at each boundary of an order's flow: the APIs run in this
 * JVM (one cluster member), the order and wallet engines in a child JVM ({@link EngineNode}), killed with SIGKILL after
 * placement, after the vendor's acceptance (no rider online yet: the offer round dies with the node), in the middle of
 * the rider's acceptance and in the middle of the delivery; a fresh child takes over each time. Whatever the dead node
 * left half done is finished by the next one from DynamoDB: the order is offered, delivered and settled exactly once,
 * balances are exact to the franc, escrow is empty and the ledger reconciles.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
@DisplayName("kill -9 of the core node at each step of an order")
class KillNineTest {

  private static final int CORES = 5;
  /** Edges sign the principals they put on the bus; every node of the cluster shares the secret. */
  private static final String BUS_SECRET = "kill-nine-test-bus-secret-" + UUID.randomUUID();

  private final String cluster = "reeyo-kill-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Integer> ports = IntStream.rangeClosed(0, CORES).mapToObj(i -> LocalRedis.Ports.free()).toList();
  private Vertx edge;
  private Platform p;
  private Path config;
  private Process core;
  private int started;

  @AfterEach
  void stop() throws Exception {
    if (core != null) {
      core.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (edge != null) {
      await(edge.close());
    }
  }

  @Test
  @DisplayName("killed after placement, after the vendor's acceptance, during the rider's acceptance and during delivery: delivered and settled once, balances exact")
  void orderSurvivesKillsAtEachBoundary() throws Exception {
    PrincipalHeaders.useSecret(BUS_SECRET);
    edge = await(ClusterNodes.node(cluster, ports.get(0), ports));
    p = await(Platform.startEdge(edge, RecoveryTest.FAST));
    config = Files.createTempFile("reeyo-engine-node", ".json");
    Files.writeString(config, p.config.encode());
    startCore();
    JsonObject user = await(p.customer(true, 50_000));
    JsonObject vendor = await(p.vendor(Map.of("Ndolé", 5000L)));
    JsonObject rider = await(p.rider("Mike", 4.0601, 9.7679));
    String rt = rider.getString("token");
    String riderId = rider.getString("riderId");
    Inbox riderInbox = Inbox.listen(edge, ClientAddresses.rider(riderId));

    JsonObject placed = await(p.ok(HttpMethod.POST, Role.USER, "/api/v1/orders", user.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), "WALLET")));
    String orderId = placed.getString("orderId");
    String path = "/api/v1/orders/" + orderId;
    killAndRestart();

    await(p.ok(HttpMethod.PUT, Role.RIDER, "/api/v1/status", rt, new JsonObject().put("isOnline", false)));
    await(p.ok(HttpMethod.POST, Role.VENDOR, path + "/accept", vendor.getString("token"), new JsonObject()));
    killAndRestart();

    await(p.ok(HttpMethod.PUT, Role.RIDER, "/api/v1/status", rt,
      new JsonObject().put("isOnline", true).put("lat", 4.0601).put("lng", 9.7679)));
    await(riderInbox.next("new_order", orderId).timeout(60, TimeUnit.SECONDS));
    riderInbox.forget();
    Future<HttpResponse<Buffer>> accepting = p.call(HttpMethod.POST, p.riderPort, path + "/accept", rt, null);
    killAndRestart();
    settle(accepting);
    if (!riderId.equals(await(Stored.order(p, orderId)).getString("riderId"))) {
      // the accept died with its node: the next node re-drives dispatch and the rider's offer is open again
      await(p.until(() -> p.call(HttpMethod.POST, p.riderPort, path + "/accept", rt, null), r -> r.statusCode() == 200,
        300, "the rider takes the order again"));
    }
    assertThat(await(Stored.item(p, "riders", "riderId", riderId)).getString("activeOrderId"))
      .as("the rider holds the order").isEqualTo(orderId);

    for (String step : List.of("preparing", "ready")) {
      await(p.ok(HttpMethod.POST, Role.VENDOR, path + "/" + step, vendor.getString("token"), new JsonObject()));
    }
    await(p.ok(HttpMethod.POST, Role.RIDER, path + "/pickup", rt, null));
    JsonObject code = new JsonObject().put("code", placed.getString("deliveryCode"));
    Future<HttpResponse<Buffer>> delivering = p.call(HttpMethod.POST, p.riderPort, path + "/deliver", rt, code);
    killAndRestart();
    settle(delivering);
    if (!"DELIVERED".equals(await(Stored.order(p, orderId)).getString("status"))) {
      await(p.ok(HttpMethod.POST, Role.RIDER, path + "/deliver", rt, code));
    }

    await(Stored.eventually(edge, () -> Stored.order(p, orderId).map(o -> "SETTLED".equals(o.getString("paymentStatus"))))
      .timeout(60, TimeUnit.SECONDS));
    assertThat(await(p.balance(user.getString("userId"), Role.USER))).isEqualTo(43_000);
    assertThat(await(p.balance(vendor.getString("vendorId"), Role.VENDOR))).isEqualTo(4_250);
    assertThat(await(p.balance(riderId, Role.RIDER))).isEqualTo(2_000);
    assertThat(await(p.wallets.escrow())).isZero();
    JsonObject reconciliation = await(p.wallets.reconcile());
    assertThat(reconciliation.getBoolean("ok")).as(reconciliation.encode()).isTrue();
    JsonObject freed = await(Stored.item(p, "riders", "riderId", riderId));
    assertThat(freed.containsKey("activeOrderId")).as("the rider is free again").isFalse();
    assertThat(freed.getLong("totalDeliveries")).as("counted once").isEqualTo(1L);
    assertThat(await(p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/leaderboard", rt, null)).getJsonArray("items"))
      .containsExactly(new JsonObject().put("riderId", riderId).put("earnings", 2000L));
  }

  /** Kills the core node with SIGKILL and starts the next one (on the next Hazelcast port) until it is READY. */
  private void killAndRestart() throws Exception {
    Thread.sleep(30);
    core.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    startCore();
  }

  private void startCore() throws Exception {
    started++;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String members = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    Path log = Files.createTempFile("reeyo-engine-node-" + started, ".log");
    core = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), EngineNode.class.getName(),
      cluster, String.valueOf(ports.get(started)), members, config.toString(), BUS_SECRET)
      .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (!Files.readString(log).contains("ENGINE-NODE-READY")) {
      assertThat(core.isAlive()).as("core node %d died: %s", started, log).isTrue();
      assertThat(System.nanoTime()).as("core node %d not ready: %s", started, log).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Waits for a request sent before a kill, whatever it answered (the step may or may not have been written). */
  private static void settle(Future<HttpResponse<Buffer>> inFlight) {
    try {
      await(inFlight.otherwiseEmpty());
    } catch (Exception e) {
      // the edge gave up on the dead node: the stored order says what happened
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    }
  }
}
