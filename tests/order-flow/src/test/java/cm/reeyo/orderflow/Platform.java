package cm.reeyo.orderflow;

import cm.reeyo.adminapi.AdminApiVerticle;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.orders.OrderEngineVerticle;
import cm.reeyo.riderapi.RiderApiVerticle;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.userapi.UserApiVerticle;
import cm.reeyo.vendorapi.VendorApiVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.RedisAPI;

import java.util.List;
import java.util.Map;

/**
 * The order flow on one Vert.x: the four APIs on their own ports, the order engine and a wallet (the fake until
 * the wallet engine is merged), sharing a fresh table prefix, the test Redis and the DynamoDB gateway.
 * Accounts are created in the real tables with identity's {@link Accounts}; tokens are minted with the test secret.
 */
final class Platform {

  /** The demo vendor's place (Douala centre) and a customer ≈ 7.5 km north of it: a 2,000 XAF delivery fee. */
  static final double VENDOR_LAT = 4.0511;
  static final double VENDOR_LNG = 9.7679;
  static final double CUSTOMER_LAT = 4.1186;
  static final double CUSTOMER_LNG = 9.7679;
  /** The admin account every platform has (tokens must name a live account). */
  static final String ADMIN_ID = "admin_1";

  final Vertx vertx;
  final JsonObject config;
  final Dynamo dynamo;
  final RedisAPI redis;
  final Accounts accounts;
  final JwtCodec jwt;
  final FakeWalletVerticle wallet = new FakeWalletVerticle();
  final WebClient web;
  int userPort;
  int vendorPort;
  int riderPort;
  int adminPort;

  private Platform(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.dynamo = Dynamo.acquire(vertx, config);
    this.redis = RedisStore.acquire(vertx, config).api();
    this.accounts = new Accounts(dynamo);
    this.jwt = JwtCodec.fromConfig(config.getJsonObject("jwt"));
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
  }

  /** Everything deployed; {@code extra} is merged into the node config (e.g. a short dispatch timeout). */
  static Future<Platform> start(Vertx vertx, JsonObject extra) {
    Platform p = new Platform(vertx, TestConfig.fresh().mergeIn(extra, true));
    p.userPort = LocalRedis.Ports.free();
    p.vendorPort = LocalRedis.Ports.free();
    p.riderPort = LocalRedis.Ports.free();
    p.adminPort = LocalRedis.Ports.free();
    return vertx.deployVerticle(new UserApiVerticle(), p.options(p.userPort))
      .compose(v -> vertx.deployVerticle(new VendorApiVerticle(), p.options(p.vendorPort)))
      .compose(v -> vertx.deployVerticle(new RiderApiVerticle(), p.options(p.riderPort)))
      .compose(v -> vertx.deployVerticle(new AdminApiVerticle(), p.options(p.adminPort)))
      .compose(v -> vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(p.config)))
      .compose(v -> vertx.deployVerticle(p.wallet, new DeploymentOptions().setConfig(p.config)))
      .compose(v -> p.accounts.create(AccountKind.ADMIN, new JsonObject().put("adminId", ADMIN_ID)))
      .compose(v -> p.redis.del(List.of("riders:online", "riders:last-seen", "orders:pending")))
      .map(p);
  }

  private DeploymentOptions options(int port) {
    return new DeploymentOptions().setConfig(TestConfig.withPort(config, port));
  }

  String token(String id, String role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  /** A customer with a verified phone (or not) and a wallet balance: {@code {userId, token}}. */
  Future<JsonObject> customer(boolean verified, long balance) {
    return accounts.create(AccountKind.USER, new JsonObject().put("firstName", "John").put("lastName", "Doe")
        .put("phone", "+2376" + (10_000_000 + (long) (Math.random() * 89_999_999))).put("isPhoneVerified", verified))
      .compose(u -> wallet.fund(u.getString("userId"), balance)
        .map(v -> new JsonObject().put("userId", u.getString("userId")).put("token", token(u.getString("userId"), "USER"))));
  }

  /** An approved, online vendor at the demo place with a menu created through the vendor API: {@code {vendorId, token, items}}. */
  Future<JsonObject> vendor(Map<String, Long> menu) {
    return accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Great Restaurant")
        .put("approvalStatus", "APPROVED").put("location", new JsonObject().put("lat", VENDOR_LAT).put("lng", VENDOR_LNG))
        .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala")))
      .compose(v -> {
        String token = token(v.getString("vendorId"), "VENDOR");
        JsonObject out = new JsonObject().put("vendorId", v.getString("vendorId")).put("token", token).put("items", new JsonObject());
        Future<?> chain = call(HttpMethod.PUT, vendorPort, "/api/v1/status", token, new JsonObject().put("isOnline", true));
        for (Map.Entry<String, Long> e : menu.entrySet()) {
          chain = chain.compose(x -> call(HttpMethod.POST, vendorPort, "/api/v1/menu", token,
              new JsonObject().put("name", e.getKey()).put("price", e.getValue()).put("available", true))
            .map(r -> out.getJsonObject("items").put(e.getKey(), r.bodyAsJsonObject().getString("itemId"))));
        }
        return chain.map(out);
      });
  }

  /** An approved rider put online through the rider API at (lat, lng): {@code {riderId, token}}. */
  Future<JsonObject> rider(String name, double lat, double lng) {
    return accounts.create(AccountKind.RIDER, new JsonObject().put("firstName", name).put("lastName", "Rider")
        .put("phone", "+237699000111").put("vehicleType", "MOTORCYCLE").put("approvalStatus", "APPROVED"))
      .compose(r -> {
        String token = token(r.getString("riderId"), "RIDER");
        return call(HttpMethod.PUT, riderPort, "/api/v1/status", token,
            new JsonObject().put("isOnline", true).put("lat", lat).put("lng", lng))
          .map(x -> new JsonObject().put("riderId", r.getString("riderId")).put("token", token));
      });
  }

  static JsonObject placeBody(String vendorId, JsonArray items, String method) {
    return new JsonObject().put("vendorId", vendorId).put("items", items).put("paymentMethod", method)
      .put("deliveryAddress", new JsonObject().put("lat", CUSTOMER_LAT).put("lng", CUSTOMER_LNG)
        .put("line1", "Carrefour Ndokoti").put("city", "Douala"));
  }

  static JsonArray lines(Object... itemIdThenQuantity) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < itemIdThenQuantity.length; i += 2) {
      a.add(new JsonObject().put("itemId", itemIdThenQuantity[i]).put("quantity", itemIdThenQuantity[i + 1]));
    }
    return a;
  }

  Future<HttpResponse<Buffer>> call(HttpMethod method, int port, String path, String token, JsonObject body) {
    return call(method, port, path, token, body, MultiMap.caseInsensitiveMultiMap());
  }

  Future<HttpResponse<Buffer>> call(HttpMethod method, int port, String path, String token, JsonObject body, MultiMap headers) {
    var request = web.request(method, port, "127.0.0.1", path).putHeaders(headers);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  Future<Long> balance(String ownerId) {
    return wallet.balance(ownerId).map(b -> b.getLong("balance"));
  }

  Future<Long> orderCount() {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table("orders")).select("COUNT"))).map(r -> (long) r.count());
  }
}
