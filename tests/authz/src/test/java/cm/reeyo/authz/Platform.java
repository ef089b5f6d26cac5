package cm.reeyo.authz;

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
import cm.reeyo.wallet.WalletEngineVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.RedisAPI;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real platform on one Vert.x: the four APIs on free ports, the order engine, the wallet engine and the notifier,
 * sharing a fresh table prefix, the test Redis and the DynamoDB gateway. Third-party providers (Twilio, SendGrid, SNS,
 * Campay) point at a closed local port: nothing here needs them (cash orders, no top-up, no payout approval).
 * Accounts are created in the real tables with identity's {@link Accounts}; tokens are minted with the test secret.
 */
final class Platform {

  /** The vendors' place (Douala centre); customers order from ≈ 2 km north of it. */
  static final double VENDOR_LAT = 4.0511;
  static final double VENDOR_LNG = 9.7679;
  static final double CUSTOMER_LAT = 4.0691;
  static final double CUSTOMER_LNG = 9.7679;

  final Vertx vertx;
  final JsonObject config;
  final Dynamo dynamo;
  final RedisAPI redis;
  final Accounts accounts;
  final JwtCodec jwt;
  final WebClient web;
  final Map<Role, Integer> ports = new EnumMap<>(Role.class);

  private Platform(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.dynamo = Dynamo.acquire(vertx, config);
    this.redis = RedisStore.acquire(vertx, config).api();
    this.accounts = new Accounts(dynamo);
    this.jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
  }

  static Future<Platform> start(Vertx vertx) {
    JsonObject config = TestConfig.fresh()
      .put("fakes", new JsonObject().put("baseUrl", "http://127.0.0.1:" + LocalRedis.Ports.free()));
    Platform p = new Platform(vertx, config);
    for (Role role : Role.values()) {
      p.ports.put(role, LocalRedis.Ports.free());
    }
    return p.redis.del(List.of("riders:online", "riders:last-seen", "orders:pending", "leaderboard:riders:daily"))
      .compose(v -> vertx.deployVerticle(new UserApiVerticle(), p.api(Role.USER)))
      .compose(v -> vertx.deployVerticle(new VendorApiVerticle(), p.api(Role.VENDOR)))
      .compose(v -> vertx.deployVerticle(new RiderApiVerticle(), p.api(Role.RIDER)))
      .compose(v -> vertx.deployVerticle(new AdminApiVerticle(), p.api(Role.ADMIN)))
      .compose(v -> vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(config)))
      .compose(v -> vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(config)))
      .compose(v -> vertx.deployVerticle(new NotifierVerticle(), new DeploymentOptions().setConfig(config)))
      .map(p);
  }

  private DeploymentOptions api(Role role) {
    return new DeploymentOptions().setConfig(TestConfig.withPort(config, ports.get(role)));
  }

  /** The port of the API whose callers have {@code role} (ADMIN: the admin API). */
  int port(Role role) {
    return ports.get(role);
  }

  String token(String id, Role role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role.name()).put("typ", "access"), 900);
  }

  /** A stored account of {@code kind} (ACTIVE; customers phone-verified; vendors and riders APPROVED): its id. */
  Future<String> account(AccountKind kind, JsonObject fields) {
    return accounts.create(kind, fields).map(a -> a.getString(kind.idField()));
  }

  Future<HttpResponse<Buffer>> call(HttpMethod method, Role api, String path, String token, JsonObject body) {
    var request = web.request(method, port(api), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** A 2xx answer's JSON object; a failure naming the call otherwise. */
  Future<JsonObject> ok(HttpMethod method, Role api, String path, String token, JsonObject body) {
    return call(method, api, path, token, body).compose(r -> r.statusCode() / 100 == 2
      ? Future.succeededFuture(r.bodyAsJsonObject())
      : Future.failedFuture(method + " " + path + " on the " + api + " API answered " + r.statusCode() + " " + r.bodyAsString()));
  }

  /** Retries {@code attempt} every 100 ms until its result satisfies {@code done} (at most {@code tries} times). */
  <T> Future<T> until(Supplier<Future<T>> attempt, Predicate<T> done, int tries, String what) {
    Promise<T> promise = Promise.promise();
    poll(attempt, done, tries, what, promise);
    return promise.future();
  }

  private <T> void poll(Supplier<Future<T>> attempt, Predicate<T> done, int left, String what, Promise<T> promise) {
    attempt.get().onComplete(r -> {
      if (r.succeeded() && done.test(r.result())) {
        promise.complete(r.result());
      } else if (left <= 1) {
        promise.fail("gave up waiting for " + what + (r.failed() ? ": " + r.cause().getMessage() : ""));
      } else {
        vertx.setTimer(100, t -> poll(attempt, done, left - 1, what, promise));
      }
    });
  }
}
