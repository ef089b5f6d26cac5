package cm.reeyo.console;

import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.launcher.ConfigSource;
import cm.reeyo.launcher.NodeDeployments;
import cm.reeyo.launcher.OpsVerticles;
import cm.reeyo.launcher.VerticleRegistry;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One platform node started the way the launcher starts one: a conf directory (defaults and a {@code console}
 * profile), an override file, {@link NodeDeployments} converging to it, then the launcher's own verticles (heartbeat,
 * config watcher, scaling address). The APIs, the socket bridge, the order and wallet engines run for real on free
 * ports against the test Redis and DynamoDB gateway; Campay is {@link CampayFake}. The bootstrap admin logs in
 * with {@link #ADMIN_EMAIL} / {@link #ADMIN_PASSWORD}.
 */
final class ConsoleNode {

  static final String ADMIN_EMAIL = "ops@reeyo.test";
  static final String ADMIN_PASSWORD = "Console#Test2026";
  static final String NODE_ID = "node-console-test";
  static final String NODE_NAME = "console-node";
  static final List<String> DEPLOY = List.of("user-api", "vendor-api", "rider-api", "admin-api", "socket-bridge",
    "order-engine", "wallet-engine");

  final Vertx vertx;
  final JsonObject config;
  final Path overrideFile;
  final Map<String, Integer> ports;
  final Accounts accounts;
  final Rest rest;

  private ConsoleNode(Vertx vertx, JsonObject config, Path overrideFile, Map<String, Integer> ports) {
    this.vertx = vertx;
    this.config = config;
    this.overrideFile = overrideFile;
    this.ports = ports;
    this.accounts = new Accounts(Dynamo.acquire(vertx, config));
    this.rest = new Rest(ports, cm.reeyo.edge.JwtCodec.fromConfig(vertx, config.getJsonObject("jwt")));
  }

  static ConsoleNode start(Path confDir) throws Exception {
    Map<String, Integer> ports = new java.util.LinkedHashMap<>();
    JsonObject verticles = new JsonObject();
    for (String name : DEPLOY) {
      JsonObject one = new JsonObject().put("instances", 1);
      if (name.endsWith("-api") || name.equals("socket-bridge")) {
        int port = LocalRedis.Ports.free();
        ports.put(name, port);
        one.put("config", new JsonObject().put("http", new JsonObject().put("port", port)));
      }
      verticles.put(name, one);
    }
    JsonObject defaults = TestConfig.fresh()
      .put("node", new JsonObject().put("name", NODE_NAME).put("watchMs", 300))
      .put("ops", new JsonObject().put("heartbeatMs", 500))
      .put("management", new JsonObject().put("port", -1))
      .put("campay", new JsonObject().put("baseUrl", CampayFake.baseUrl()).put("webhookKey", CampayFake.WEBHOOK_KEY)
        .put("timeoutMs", 5000))
      .put("wallet", new JsonObject().put("reconcileIntervalSeconds", 0).put("pollerIntervalSeconds", 3600))
      .put("admins", new JsonArray().add(new JsonObject().put("email", ADMIN_EMAIL).put("name", "Ops Admin")
        .put("password", ADMIN_PASSWORD)))
      .put("console", new JsonObject().put("bridgeUrl", "http://127.0.0.1:" + ports.get("socket-bridge")))
      .put("verticles", verticles);
    defaults.getJsonObject("dynamodb").put("createTables", true);
    Files.createDirectories(confDir.resolve("nodes"));
    Files.writeString(confDir.resolve("default.json"), defaults.encodePrettily());
    Files.writeString(confDir.resolve("nodes/console.json"),
      new JsonObject().put("deploy", new JsonArray(DEPLOY)).encodePrettily());
    Path override = confDir.resolve("override.json");

    Vertx vertx = Vertx.vertx();
    ConfigSource source = new ConfigSource(confDir, "console", override, Map.of(), null, NODE_NAME);
    NodeDeployments deployments = new NodeDeployments(vertx, VerticleRegistry.defaults());
    JsonObject config = await(source.load(vertx));
    await(warmSharedClients(vertx, config));
    await(deployments.converge(config));
    await(OpsVerticles.deploy(vertx, config, source, deployments, NODE_ID));
    return new ConsoleNode(vertx, config, override, ports);
  }

  /**
   * As the launcher does before deploying: the node's shared DynamoDB and Redis clients, built (and the first DynamoDB
   * call made) on a worker, held by the node until it closes, so verticles re-deployed by a re-scale share them.
   */
  private static Future<Void> warmSharedClients(Vertx vertx, JsonObject config) {
    return vertx.executeBlocking(() -> {
      Dynamo dynamo = Dynamo.acquire(vertx, config);
      RedisStore.acquire(vertx, config);
      for (int attempt = 1; ; attempt++) {
        try {
          dynamo.client().listTables(b -> b.limit(1)).get(30, TimeUnit.SECONDS);
          return null;
        } catch (java.util.concurrent.ExecutionException slowGateway) {
          if (attempt == 5) {
            throw slowGateway;
          }
        }
      }
    });
  }

  int port(String verticle) {
    return ports.get(verticle);
  }

  String consoleUrl() {
    return "http://127.0.0.1:" + port("admin-api") + "/console/";
  }

  /** A vendor registered as PENDING (awaiting approval): its id. */
  String pendingVendor(String businessName) throws Exception {
    return await(accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", businessName)
      .put("firstName", "Awa").put("lastName", "Njoya").put("phone", Rest.randomPhone()).put("approvalStatus", "PENDING")
      .put("location", new JsonObject().put("lat", 4.0511).put("lng", 9.7679))
      .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala")))).getString("vendorId");
  }

  /** An approved vendor, open, with one item on its menu: {@code {vendorId, token, itemId}}. */
  JsonObject openVendor(long price) throws Exception {
    String id = await(accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Chez Mama")
      .put("phone", Rest.randomPhone()).put("approvalStatus", "APPROVED")
      .put("location", new JsonObject().put("lat", 4.0511).put("lng", 9.7679))
      .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala")))).getString("vendorId");
    String token = rest.token(id, "VENDOR");
    rest.expect(200, "PUT", "vendor-api", "/api/v1/status", token, new JsonObject().put("isOnline", true));
    JsonObject item = rest.expect(201, "POST", "vendor-api", "/api/v1/menu", token,
      new JsonObject().put("name", "Ndolé").put("price", price).put("available", true));
    return new JsonObject().put("vendorId", id).put("token", token).put("itemId", item.getString("itemId"));
  }

  /** An approved rider put online at (lat, lng) through the rider API: {@code {riderId, token}}. */
  JsonObject onlineRider(double lat, double lng) throws Exception {
    String id = await(accounts.create(AccountKind.RIDER, new JsonObject().put("firstName", "Mike").put("lastName", "Wilson")
      .put("phone", Rest.randomPhone()).put("vehicleType", "MOTORCYCLE").put("approvalStatus", "APPROVED")))
      .getString("riderId");
    String token = rest.token(id, "RIDER");
    rest.expect(200, "PUT", "rider-api", "/api/v1/status", token,
      new JsonObject().put("isOnline", true).put("lat", lat).put("lng", lng));
    return new JsonObject().put("riderId", id).put("token", token);
  }

  /** A phone-verified customer: {@code {userId, token}}. */
  JsonObject customer() throws Exception {
    String id = await(accounts.create(AccountKind.USER, new JsonObject().put("firstName", "John").put("lastName", "Doe")
      .put("phone", Rest.randomPhone()).put("isPhoneVerified", true))).getString("userId");
    return new JsonObject().put("userId", id).put("token", rest.token(id, "USER"));
  }

  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
