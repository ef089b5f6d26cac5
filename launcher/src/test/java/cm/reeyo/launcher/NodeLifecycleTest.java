package cm.reeyo.launcher;

import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.adminapi.AdminApiVerticle;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher node in its own JVM (the real {@link Main}, profile with user-api only) and, in this JVM, a second
 * cluster node with admin-api and its heartbeat: the admin cluster view lists both; SIGTERM under steady load
 * drains the child node (503 on /ready, still serving), then it stops with no accepted request failing, and it
 * leaves the view.
 */
class NodeLifecycleTest {

  private static final long DRAIN_MS = 2_000;

  /** One /ready probe: when it was sent, its status code and its {@code status} field. */
  private record ReadyProbe(long sentNanos, int code, String status) {
  }

  @TempDir
  Path conf;
  private Process child;
  private Vertx vertx;
  private SteadyLoad load;
  private final List<String> childOut = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (load != null) {
      load.stop();
    }
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(150)
  @DisplayName("GET /api/v1/cluster lists both nodes with their verticles; SIGTERM under load drains (/ready 503),"
    + " no accepted request fails, and the node leaves the view")
  void clusterViewAndGracefulShutdown() throws Exception {
    String cluster = "reeyo-test-" + UUID.randomUUID();
    int childHz = LocalRedis.Ports.free();
    int ownHz = LocalRedis.Ports.free();
    int userApiPort = LocalRedis.Ports.free();
    int adminPort = LocalRedis.Ports.free();
    JsonArray members = new JsonArray().add("127.0.0.1:" + childHz).add("127.0.0.1:" + ownHz);
    JsonObject base = TestConfig.fresh();
    base.getJsonObject("dynamodb").put("createTables", false);

    child = startChild(base, cluster, childHz, members, userApiPort);
    String ready = awaitLine("READY ", 90);
    assertThat(ready).contains("profile=edge-test").contains("instances=2");

    JsonObject own = TestConfig.withPort(base, adminPort).put("cluster", new JsonObject().put("name", cluster)
      .put("host", "127.0.0.1").put("port", ownHz).put("members", members))
      .put("node", new JsonObject().put("name", "admin-node").put("profile", "admin-test"));
    HazelcastClusterManager manager = ClusterNode.manager(own);
    vertx = get(ClusterNode.start(own, manager), 90);
    get(Main.warmSharedClients(vertx, own), 30);
    Accounts accounts = new Accounts(Dynamo.acquire(vertx, own));
    get(new TableBootstrap(Dynamo.acquire(vertx, own)).ensureAll(), 60);
    get(accounts.create(AccountKind.ADMIN, new JsonObject().put("adminId", "a-1")), 10);
    get(accounts.create(AccountKind.USER, new JsonObject().put("userId", "u-1")), 10);
    NodeDeployments deployments = new NodeDeployments(vertx, VerticleRegistry.defaults());
    get(deployments.converge(own.copy().put("deploy", new JsonArray().add("admin-api"))
      .put("verticles", new JsonObject().put("admin-api", new JsonObject().put("instances", 1)))), 30);
    get(vertx.deployVerticle(new NodeHeartbeat(manager.getNodeId(), own.getJsonObject("node"), deployments),
      new DeploymentOptions().setConfig(own)), 10);

    WebClient web = WebClient.create(vertx);
    JwtCodec jwt = JwtCodec.fromConfig(vertx, base.getJsonObject("jwt"));
    String admin = jwt.sign(new JsonObject().put("sub", "a-1").put("role", "ADMIN").put("typ", "access"), 600);
    String user = jwt.sign(new JsonObject().put("sub", "u-1").put("role", "USER").put("typ", "access"), 600);
    assertThat(get(web.get(adminPort, "127.0.0.1", "/api/v1/cluster").send(), 10).statusCode()).isEqualTo(401);
    assertThat(get(web.get(adminPort, "127.0.0.1", "/api/v1/cluster").bearerTokenAuthentication(user).send(), 10)
      .statusCode()).isEqualTo(403);

    JsonArray nodes = awaitView(web, adminPort, admin, view -> view.size() == 2, 20);
    JsonObject edge = byProfile(nodes, "edge-test");
    assertThat(edge.getJsonObject("verticles").getMap()).containsEntry("user-api", 2).hasSize(1);
    assertThat(edge.getString("nodeId")).isNotBlank().isNotEqualTo(manager.getNodeId());
    assertThat(edge.getLong("uptimeSeconds")).isNotNegative();
    assertThat(edge.getJsonObject("load").getLong("heapUsedMb")).isPositive();
    assertThat(byProfile(nodes, "admin-test").getJsonObject("verticles").getMap()).containsEntry("admin-api", 1);

    load = new SteadyLoad(userApiPort, "/health", 8).start(8);
    List<ReadyProbe> readySeen = new CopyOnWriteArrayList<>();
    long readyTimer = vertx.setPeriodic(100, id -> {
      long sentAt = System.nanoTime();
      web.get(userApiPort, "127.0.0.1", "/ready").timeout(5_000).send()
        .onSuccess(r -> readySeen.add(
          new ReadyProbe(sentAt, r.statusCode(), r.bodyAsJsonObject().getString("status"))));
    });
    Thread.sleep(1_500);
    long signalAt = System.nanoTime();
    child.destroy();
    while (child.isAlive() && elapsedMs(signalAt) < 40_000) {
      Thread.sleep(100);
    }
    vertx.cancelTimer(readyTimer);
    long exitedMs = elapsedMs(signalAt);
    assertThat(child.isAlive()).as("the node stops after SIGTERM").isFalse();
    load.stop();

    List<SteadyLoad.Outcome> outcomes = load.outcomes();
    long drainEnd = signalAt + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS - 300);
    List<SteadyLoad.Outcome> beforeSignal = outcomes.stream().filter(o -> o.startedNanos() < signalAt).toList();
    List<SteadyLoad.Outcome> duringDrain = outcomes.stream()
      .filter(o -> o.startedNanos() >= signalAt && o.startedNanos() < drainEnd).toList();
    List<SteadyLoad.Outcome> atClose = outcomes.stream()
      .filter(o -> o.startedNanos() >= drainEnd && (o.failure() != null || o.status() != 200)).toList();
    long firstDrainingMs = readySeen.stream().filter(r -> "DRAINING".equals(r.status()))
      .mapToLong(r -> r.sentNanos() - signalAt).min().orElse(-1) / 1_000_000;
    System.out.printf("shutdown test: /ready 503 for a probe sent %d ms after the signal, exit after %d ms;"
        + " %d requests before the signal, %d while draining, %d answered 200 in all; at close: %d refused,"
        + " %d dropped unanswered (%s)%n", firstDrainingMs, exitedMs, beforeSignal.size(), duringDrain.size(),
      load.count(200),
      atClose.stream().filter(SteadyLoad.Outcome::refused).count(),
      atClose.stream().filter(o -> !o.refused()).count(),
      atClose.stream().filter(o -> !o.refused()).map(o -> o.failure().getClass().getSimpleName()).distinct()
        .collect(Collectors.joining(", ")));
    List<ReadyProbe> readyWhileDraining = readySeen.stream()
      .filter(r -> r.sentNanos() > signalAt + TimeUnit.MILLISECONDS.toNanos(300) && r.sentNanos() < drainEnd).toList();
    assertThat(readyWhileDraining).as("/ready answered while draining").isNotEmpty()
      .allSatisfy(r -> assertThat(r.code()).as("/ready while draining").isEqualTo(503));
    long settledBeforeSignal = signalAt - TimeUnit.MILLISECONDS.toNanos(300);
    assertThat(readySeen.stream().filter(r -> r.sentNanos() < settledBeforeSignal)).as("/ready well before the signal")
      .isNotEmpty().noneSatisfy(r -> assertThat(r.status()).isEqualTo("DRAINING"));
    assertThat(exitedMs).as("the node exits soon after draining").isLessThan(DRAIN_MS + 15_000);
    assertThat(beforeSignal).as("requests accepted before the signal").hasSizeGreaterThan(20)
      .allSatisfy(o -> assertThat(o.status()).as("answered: %s", o.failure()).isEqualTo(200));
    assertThat(duringDrain).as("requests sent while draining are still served").hasSizeGreaterThan(20)
      .allSatisfy(o -> assertThat(o.status()).as("answered: %s", o.failure()).isEqualTo(200));
    assertThat(atClose).as("once the node closes, a request is refused or dropped unread; never a 5xx or a hang")
      .allSatisfy(o -> assertThat(o.failure()).isInstanceOfAny(java.net.ConnectException.class,
        java.net.SocketException.class, io.vertx.core.http.HttpClosedException.class));

    JsonArray after = awaitView(web, adminPort, admin, view -> view.size() == 1, 15);
    assertThat(after.getJsonObject(0).getString("profile")).isEqualTo("admin-test");
    assertThat(childOut).anyMatch(l -> l.startsWith("management ") && l.contains("/metrics"));
  }

  private Process startChild(JsonObject base, String cluster, int hzPort, JsonArray members, int userApiPort)
    throws Exception {
    JsonObject defaults = base.copy()
      .put("cluster", new JsonObject().put("name", cluster).put("host", "127.0.0.1").put("port", hzPort)
        .put("members", members))
      .put("management", new JsonObject().put("port", 0))
      .put("shutdown", new JsonObject().put("drainMs", DRAIN_MS))
      .put("deploy", new JsonArray())
      .put("verticles", new JsonObject().put("user-api", new JsonObject().put("instances", 1)
        .put("config", new JsonObject().put("http", new JsonObject().put("port", userApiPort)))));
    defaults.getJsonObject("http").remove("port");
    Files.createDirectories(conf.resolve("nodes"));
    Files.writeString(conf.resolve("default.json"), defaults.encodePrettily());
    Files.writeString(conf.resolve("nodes").resolve("edge-test.json"), new JsonObject()
      .put("deploy", new JsonArray().add("user-api"))
      .put("verticles", new JsonObject().put("user-api", new JsonObject().put("instances", 2))).encodePrettily());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
      Main.class.getName(), "--profile", "edge-test", "--conf-dir", conf.toString())
      .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "node-lifecycle-child.log").toFile()))
      .start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
        out.lines().forEach(childOut::add);
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private String awaitLine(String prefix, int seconds) throws InterruptedException {
    long started = System.nanoTime();
    while (elapsedMs(started) < seconds * 1000L) {
      for (String line : childOut) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      assertThat(child.isAlive()).as("child node runs; output: %s", childOut).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no " + prefix + " line within " + seconds + " s; output: " + childOut);
  }

  private static JsonArray awaitView(WebClient web, int port, String token,
                                     java.util.function.Predicate<JsonArray> wanted, int seconds) throws Exception {
    long started = System.nanoTime();
    JsonArray nodes = new JsonArray();
    while (elapsedMs(started) < seconds * 1000L) {
      var response = get(web.get(port, "127.0.0.1", "/api/v1/cluster").bearerTokenAuthentication(token).send(), 10);
      assertThat(response.statusCode()).isEqualTo(200);
      nodes = response.bodyAsJsonObject().getJsonArray("nodes");
      if (wanted.test(nodes)) {
        return nodes;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("cluster view never matched; last: " + nodes.encode());
  }

  private static JsonObject byProfile(JsonArray nodes, String profile) {
    return nodes.stream().map(JsonObject.class::cast).filter(n -> profile.equals(n.getString("profile")))
      .findFirst().orElseThrow(() -> new AssertionError("no node of profile " + profile + " in " + nodes.encode()));
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  private static <T> T get(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
