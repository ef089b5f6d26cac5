package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.platformtest.TestPlatform;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.wallet.DemoFunds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.Map;

/**
 * The real platform ({@link TestPlatform}) for the order flow: the wallet engine's Campay played by {@link Fakes}, the
 * notifier on request; money enters wallets only the way real money does (a Campay top-up and its webhook).
 */
final class Platform extends TestPlatform {

  /** The demo vendor's place (Douala centre) and a customer ≈ 7.5 km north of it: a 2,000 XAF delivery fee. */
  static final double VENDOR_LAT = 4.0511;
  static final double VENDOR_LNG = 9.7679;
  static final double CUSTOMER_LAT = 4.1186;
  static final double CUSTOMER_LNG = 9.7679;

  final Wallets wallets;
  int userPort;
  int vendorPort;
  int riderPort;
  int adminPort;

  private Platform(Vertx vertx, JsonObject config) {
    super(vertx, config);
    this.wallets = new Wallets(vertx, dynamo, config);
  }

  /** Everything but the notifier deployed; {@code extra} is merged into the node config (e.g. a short dispatch timeout). */
  static Future<Platform> start(Vertx vertx, JsonObject extra) {
    Platform p = new Platform(vertx, TestConfig.fresh().mergeIn(Wallets.nodeConfig(), true).mergeIn(extra, true));
    return p.deploy().map(v -> p.ports());
  }

  /** The four APIs only, on a clustered {@code vertx} whose engines run on other nodes with {@link #config}. */
  static Future<Platform> startEdge(Vertx vertx, JsonObject extra) {
    Platform p = new Platform(vertx, TestConfig.fresh().mergeIn(Wallets.nodeConfig(), true).mergeIn(extra, true));
    return p.deployEdge().map(v -> p.ports());
  }

  private Platform ports() {
    userPort = port(Role.USER);
    vendorPort = port(Role.VENDOR);
    riderPort = port(Role.RIDER);
    adminPort = port(Role.ADMIN);
    return this;
  }

  /** Adds the notifier, its providers (Twilio, SendGrid, SNS) played by {@link Fakes}, draining its outbox often. */
  Future<Platform> withNotifier() {
    return deployNotifier(config.copy().put("fakes", new JsonObject().put("baseUrl", Fakes.baseUrl()))
      .put("notifier", new JsonObject().put("outbox", new JsonObject().put("drainIntervalMs", 100)))).map(this);
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
          .put("token", token(u.getString("userId"), Role.USER));
        return balance == 0 ? Future.succeededFuture(out) : topUp(out, balance).map(out);
      });
  }

  /**
   * Money in the way it really enters: the customer asks for a top-up ({@code POST /api/v1/wallet/topup}, the
   * wallet engine starts a collection at "Campay"), Campay's status endpoint says SUCCESSFUL, then its signed webhook
   * arrives on the public webhook route and the wallet engine, having asked Campay, credits the wallet. Fails unless the payment was applied.
   */
  Future<Void> topUp(JsonObject customer, long amount) {
    return startTopUp(customer, amount, 2)
      .compose(r -> {
        if (r.statusCode() != 202) {
          return Future.failedFuture("top-up refused: " + r.bodyAsString());
        }
        JsonObject payment = r.bodyAsJsonObject();
        Fakes.campaySays(payment.getString("reference"), payment.getString("paymentId"), "SUCCESSFUL", amount);
        return call(HttpMethod.POST, userPort, "/api/v1/payments/campay/webhook", null, DemoFunds.signedWebhook(vertx,
          Fakes.CAMPAY_WEBHOOK_KEY, payment.getString("reference"), payment.getString("paymentId"), amount, "SUCCESSFUL"));
      })
      .compose(r -> r.statusCode() == 200 && r.bodyAsJsonObject().getBoolean("applied", false)
        ? Future.<Void>succeededFuture() : Future.failedFuture("webhook not applied: " + r.bodyAsString()));
  }

  /** Asks for a top-up; like an app, tries again once when Campay was too slow to answer (a loaded test machine). */
  private Future<HttpResponse<Buffer>> startTopUp(JsonObject customer, long amount, int attempts) {
    return call(HttpMethod.POST, userPort, "/api/v1/wallet/topup", customer.getString("token"),
        new JsonObject().put("amount", amount).put("phone", customer.getString("phone")))
      .compose(r -> r.statusCode() == 502 && attempts > 1 ? startTopUp(customer, amount, attempts - 1)
        : Future.succeededFuture(r));
  }

  /** An admin account's access token. */
  Future<String> admin() {
    return accounts.create(AccountKind.ADMIN, new JsonObject().put("firstName", "Ada").put("lastName", "Admin")
        .put("email", "ada+" + System.nanoTime() + "@reeyo.cm"))
      .map(a -> token(a.getString("adminId"), Role.ADMIN));
  }

  /** An approved, online vendor at the demo place with a menu created through the vendor API: {@code {vendorId, token, items}}. */
  Future<JsonObject> vendor(Map<String, Long> menu) {
    return accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Great Restaurant")
        .put("approvalStatus", "APPROVED").put("location", new JsonObject().put("lat", VENDOR_LAT).put("lng", VENDOR_LNG))
        .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala")))
      .compose(v -> {
        String token = token(v.getString("vendorId"), Role.VENDOR);
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
        String token = token(r.getString("riderId"), Role.RIDER);
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

  /**
   * Takes a freshly placed order all the way: the vendor accepts, the (already offered) rider takes it, the
   * vendor prepares and readies it, the rider picks it up and delivers it with {@code code}: the deliver response.
   */
  Future<HttpResponse<Buffer>> runToDelivery(String orderId, JsonObject vendor, JsonObject rider, String code) {
    return runToPickup(orderId, vendor, rider).compose(r -> call(HttpMethod.POST, riderPort,
      "/api/v1/orders/" + orderId + "/deliver", rider.getString("token"), new JsonObject().put("code", code)));
  }

  /** As {@link #runToDelivery}, stopping once the rider has picked the order up. */
  Future<HttpResponse<Buffer>> runToPickup(String orderId, JsonObject vendor, JsonObject rider) {
    String vt = vendor.getString("token");
    String rt = rider.getString("token");
    String path = "/api/v1/orders/" + orderId;
    return expect(200, call(HttpMethod.POST, vendorPort, path + "/accept", vt, new JsonObject()))
      .compose(r -> expect(200, call(HttpMethod.POST, riderPort, path + "/accept", rt, null)))
      .compose(r -> expect(200, call(HttpMethod.POST, vendorPort, path + "/preparing", vt, new JsonObject())))
      .compose(r -> expect(200, call(HttpMethod.POST, vendorPort, path + "/ready", vt, new JsonObject())))
      .compose(r -> expect(200, call(HttpMethod.POST, riderPort, path + "/pickup", rt, null)));
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
