package cm.reeyo.bridge;

import cm.reeyo.contracts.ClientEnvelope;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two cluster nodes shared by the bridge tests of this JVM: node A runs the socket bridge, node B the stand-in order
 * engine and the domain-side publishers, so every event a client receives crossed the cluster.
 */
final class BridgeFixture {

  private static BridgeFixture instance;

  final Vertx bridgeNode;
  final Vertx domainNode;
  final FakeOrderEngine orders = new FakeOrderEngine();
  final int port;
  final String url;
  private RedisAPI redis;

  private BridgeFixture() throws Exception {
    List<Vertx> nodes = TestCluster.start(2);
    bridgeNode = nodes.get(0);
    domainNode = nodes.get(1);
    port = LocalRedis.Ports.free();
    url = "http://127.0.0.1:" + port + "/eventbus";
    JsonObject bridge = new JsonObject().put("authGraceMs", 1500).put("maxHandlersPerSocket", 4)
      .put("partyCacheMs", 500).put("locationMinIntervalMs", 1000)
      .put("framesPerSecond", 10).put("frameBurst", 20).put("frameRefusalsBeforeClose", 30);
    orders.deploy(domainNode).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    bridgeNode.deployVerticle(new SocketBridgeVerticle(), new DeploymentOptions().setConfig(Tokens.bridgeConfig(port, bridge)))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      domainNode.close();
      bridgeNode.close();
    }));
  }

  static synchronized BridgeFixture get() throws Exception {
    if (instance == null) {
      instance = new BridgeFixture();
    }
    return instance;
  }

  static String id(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  NodeClient client(String token) {
    NodeClient client = NodeClient.start(url, token);
    client.awaitOpen();
    return client;
  }

  /**
   * Waits until the client's registration on {@code address} is live across the cluster: probes published from the
   * domain node until one arrives (registration has no acknowledgement in the bridge protocol).
   */
  void awaitLive(NodeClient client, String address) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      domainNode.eventBus().publish(address, ClientEnvelope.of(ClientEvent.NOTIFICATION, new JsonObject().put("probe", true)).toJson());
      if (client.poll(l -> isMsg(l, address, ClientEvent.NOTIFICATION.wireName()), Duration.ofMillis(250)) != null) {
        return;
      }
    }
    throw new AssertionError("registration on " + address + " never became live; client printed " + client.seen());
  }

  static boolean isMsg(JsonObject line, String address, String event) {
    return "msg".equals(line.getString("type")) && address.equals(line.getString("address"))
      && line.getJsonObject("body") != null && event.equals(line.getJsonObject("body").getString("event"));
  }

  static boolean isError(JsonObject line) {
    return "error".equals(line.getString("type"));
  }

  /** A Redis client of the test JVM's Redis (to check what the bridge stored). */
  synchronized RedisAPI redis() {
    if (redis == null) {
      redis = RedisAPI.api(Redis.createClient(domainNode, LocalRedis.connectionString()));
    }
    return redis;
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(path, null);
  }

  /** A GET with a bearer token (none when null). */
  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET sent from a web page of {@code origin} (its {@code Origin} header). */
  HttpResponse<String> getFrom(String origin, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Origin", origin).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
