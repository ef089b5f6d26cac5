package cm.reeyo.orderflow;

import cm.reeyo.adminapi.AdminApiVerticle;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.notifier.NotifierVerticle;
import cm.reeyo.orders.OrderEngineVerticle;
import cm.reeyo.riderapi.RiderApiVerticle;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.userapi.UserApiVerticle;
import cm.reeyo.vendorapi.VendorApiVerticle;
import cm.reeyo.wallet.DemoFunds;
import cm.reeyo.wallet.WalletEngineVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.RedisAPI;

import java.net.BindException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The order flow on one Vert.x: the four APIs on their own ports, the order engine and the real wallet engine
 * (Campay played by {@link Fakes}), sharing a fresh table prefix, the test Redis and the DynamoDB gateway; the
 * notifier on request. Accounts are created in the real tables with identity's {@link Accounts}; tokens are minted
 * with the test secret; money enters wallets only the way real money does (a Campay top-up and its webhook).
 */
final class Platform {

  /** The demo vendor's place (Douala centre) and a customer ≈ 7.5 km north of it: a 2,000 XAF delivery fee. */
  static final double VENDOR_LAT = 4.0511;
  static final double VENDOR_LNG = 9.7679;
  static final double CUSTOMER_LAT = 4.1186;
  static final double CUSTOMER_LNG = 9.7679;

  static final int LISTEN_ATTEMPTS = 3;

  final Vertx vertx;
  final JsonObject config;
  final Dynamo dynamo;
  final RedisAPI redis;
  final Accounts accounts;
  final JwtCodec jwt;
  final Wallets wallets;
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
    this.jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    this.wallets = new Wallets(vertx, dynamo, config);
  }

  /** Everything deployed; {@code extra} is merged into the node config (e.g. a short dispatch timeout). */
  static Future<Platform> start(Vertx vertx, JsonObject extra) {
    Platform p = new Platform(vertx, TestConfig.fresh().mergeIn(Wallets.nodeConfig(), true).mergeIn(extra, true));
    return p.listen(UserApiVerticle::new, LISTEN_ATTEMPTS).map(port -> p.userPort = port)
      .compose(v -> p.listen(VendorApiVerticle::new, LISTEN_ATTEMPTS)).map(port -> p.vendorPort = port)
      .compose(v -> p.listen(RiderApiVerticle::new, LISTEN_ATTEMPTS)).map(port -> p.riderPort = port)
      .compose(v -> p.listen(AdminApiVerticle::new, LISTEN_ATTEMPTS)).map(port -> p.adminPort = port)
      .compose(v -> vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(p.config)))
      .compose(v -> vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(p.config)))
      .compose(v -> p.redis.del(List.of("riders:online", "riders:last-seen", "orders:pending")))
      .map(p);
  }

  /** Adds the notifier, its providers (Twilio, SendGrid, SNS) played by {@link Fakes}, draining its outbox often. */
  Future<Platform> withNotifier() {
    JsonObject conf = config.copy().put("fakes", new JsonObject().put("baseUrl", Fakes.baseUrl()))
      .put("notifier", new JsonObject().put("outbox", new JsonObject().put("drainIntervalMs", 100)));
    return vertx.deployVerticle(new NotifierVerticle(), new DeploymentOptions().setConfig(conf)).map(this);
  }

  /**
   * Deploys an API on a port found free. The port is free when found, but until the API binds it an outgoing
   * connection of this JVM (or another build on the machine) may take it as its local port: then another one.
   */
  private Future<Integer> listen(Supplier<VerticleBase> api, int attemptsLeft) {
    int port = LocalRedis.Ports.free();
    return vertx.deployVerticle(api.get(), new DeploymentOptions().setConfig(TestConfig.withPort(config, port)))
      .map(id -> port)
      .recover(f -> attemptsLeft > 1 && portTaken(f) ? listen(api, attemptsLeft - 1) : Future.failedFuture(f));
  }

  private static boolean portTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  String token(String id, String role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  /** A customer with a verified phone (or not) and a wallet topped up with {@code balance}: {@code {userId, token, phone}}. */
  Future<JsonObject> customer(boolean verified, long balance) {
    return customer(verified, balance, new JsonObject());
  }

  /** As {@link #customer(boolean, long)}, with extra account fields (e.g. an e-mail address). */
  Future<JsonObject> customer(boolean verified, long balance, JsonObject fields) {
    String phone = "+2376" + (10_000_000 + (long) (Math.random() * 89_999_999));
    return accounts.create(AccountKind.USER, fields.copy().put("firstName", "John").put("lastName", "Doe")
        .put("phone", phone).put("isPhoneVerified", verified))
      .compose(u -> {
        JsonObject out = new JsonObject().put("userId", u.getString("userId")).put("phone", phone)
          .put("token", token(u.getString("userId"), "USER"));
        return balance == 0 ? Future.succeededFuture(out) : topUp(out, balance).map(out);
      });
  }

  /**
   * Money in the way it really enters: the customer asks for a top-up ({@code POST /api/v1/wallet/topup}, the
   * wallet engine starts a collection at "Campay"), then Campay's signed SUCCESSFUL webhook arrives on the public
   * webhook route and the wallet engine credits the wallet. Fails unless the payment was applied.
   */
  Future<Void> topUp(JsonObject customer, long amount) {
    return call(HttpMethod.POST, userPort, "/api/v1/wallet/topup", customer.getString("token"),
        new JsonObject().put("amount", amount).put("phone", customer.getString("phone")))
      .compose(r -> {
        if (r.statusCode() != 202) {
          return Future.failedFuture("top-up refused: " + r.bodyAsString());
        }
        JsonObject payment = r.bodyAsJsonObject();
        return call(HttpMethod.POST, userPort, "/api/v1/payments/campay/webhook", null, DemoFunds.signedWebhook(vertx,
          Fakes.CAMPAY_WEBHOOK_KEY, payment.getString("reference"), payment.getString("paymentId"), amount, "SUCCESSFUL"));
      })
      .compose(r -> r.statusCode() == 200 && r.bodyAsJsonObject().getBoolean("applied", false)
        ? Future.<Void>succeededFuture() : Future.failedFuture("webhook not applied: " + r.bodyAsString()));
  }

  /** An admin account's access token. */
  Future<String> admin() {
    return accounts.create(AccountKind.ADMIN, new JsonObject().put("firstName", "Ada").put("lastName", "Admin")
        .put("email", "ada+" + System.nanoTime() + "@reeyo.cm"))
      .map(a -> token(a.getString("adminId"), "ADMIN"));
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

  /**
   * Takes a freshly placed order all the way: the vendor accepts, the (already offered) rider takes it, the
   * vendor prepares and readies it, the rider picks it up and delivers it with {@code code}: the deliver response.
   */
  Future<HttpResponse<Buffer>> runToDelivery(String orderId, JsonObject vendor, JsonObject rider, String code) {
    String vt = vendor.getString("token");
    String rt = rider.getString("token");
    String path = "/api/v1/orders/" + orderId;
    return expect(200, call(HttpMethod.POST, vendorPort, path + "/accept", vt, new JsonObject()))
      .compose(r -> expect(200, call(HttpMethod.POST, riderPort, path + "/accept", rt, null)))
      .compose(r -> expect(200, call(HttpMethod.POST, vendorPort, path + "/preparing", vt, new JsonObject())))
      .compose(r -> expect(200, call(HttpMethod.POST, vendorPort, path + "/ready", vt, new JsonObject())))
      .compose(r -> expect(200, call(HttpMethod.POST, riderPort, path + "/pickup", rt, null)))
      .compose(r -> call(HttpMethod.POST, riderPort, path + "/deliver", rt, new JsonObject().put("code", code)));
  }

  private static Future<HttpResponse<Buffer>> expect(int status, Future<HttpResponse<Buffer>> response) {
    return response.compose(r -> r.statusCode() == status ? Future.succeededFuture(r)
      : Future.failedFuture("expected " + status + ", got " + r.statusCode() + ": " + r.bodyAsString()));
  }

  Future<Long> balance(String ownerId, Role role) {
    return wallets.balance(ownerId, role);
  }

  Future<Long> orderCount() {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table("orders")).select("COUNT"))).map(r -> (long) r.count());
  }
}
