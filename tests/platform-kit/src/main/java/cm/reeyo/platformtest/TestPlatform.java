package cm.reeyo.platformtest;

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
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
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
 * The real platform on one Vert.x, as the cross-verticle test modules deploy it: the four APIs on free ports (one
 * per caller role), the order engine and the wallet engine, and the notifier on request, all sharing the node config
 * given (usually {@code TestConfig.fresh()}: a fresh table prefix, the test Redis and the DynamoDB gateway).
 * Accounts are created in the real tables with identity's {@link Accounts}; tokens are minted with the test secret.
 * A test module extends it with the helpers of its own scenarios.
 */
public class TestPlatform {

  /** Redis keys every platform shares (rider GEO sets, pending orders): cleared on start. */
  static final List<String> SHARED_KEYS = List.of("riders:online", "riders:last-seen", "orders:pending");
  static final int LISTEN_ATTEMPTS = 3;

  public final Vertx vertx;
  public final JsonObject config;
  public final Dynamo dynamo;
  public final RedisAPI redis;
  public final Accounts accounts;
  public final JwtCodec jwt;
  public final WebClient web;
  /** Deployment ids of the engines, so that a test can stop one (a dead node) and deploy it again. */
  public String orderEngineDeployment;
  public String walletDeployment;
  private final Map<Role, Integer> ports = new EnumMap<>(Role.class);

  protected TestPlatform(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.dynamo = Dynamo.acquire(vertx, config);
    this.redis = RedisStore.acquire(vertx, config).api();
    this.accounts = new Accounts(dynamo);
    this.jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
  }

  /** Clears the shared Redis keys, then deploys the four APIs, the order engine and the wallet engine. */
  protected Future<Void> deploy() {
    return deployEdge().compose(v -> deployEngines());
  }

  /** Clears the shared Redis keys, then deploys the four APIs only (the engines run on another node). */
  protected Future<Void> deployEdge() {
    return redis.del(SHARED_KEYS)
      .compose(v -> listen(Role.USER, UserApiVerticle::new, LISTEN_ATTEMPTS))
      .compose(v -> listen(Role.VENDOR, VendorApiVerticle::new, LISTEN_ATTEMPTS))
      .compose(v -> listen(Role.RIDER, RiderApiVerticle::new, LISTEN_ATTEMPTS))
      .compose(v -> listen(Role.ADMIN, AdminApiVerticle::new, LISTEN_ATTEMPTS));
  }

  private Future<Void> deployEngines() {
    return vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(config))
      .map(id -> orderEngineDeployment = id)
      .compose(v -> vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(config)))
      .map(id -> walletDeployment = id)
      .mapEmpty();
  }

  /** Deploys the notifier with {@code notifierConfig} (the node config plus where its providers are). */
  protected Future<Void> deployNotifier(JsonObject notifierConfig) {
    return vertx.deployVerticle(new NotifierVerticle(), new DeploymentOptions().setConfig(notifierConfig)).mapEmpty();
  }

  /**
   * Deploys an API on a port found free. The port is free when found, but until the API binds it an outgoing
   * connection of this JVM (or another build on the machine) may take it as its local port: then another one.
   */
  private Future<Void> listen(Role role, Supplier<? extends Deployable> api, int attemptsLeft) {
    int port = LocalRedis.Ports.free();
    return vertx.deployVerticle(api, new DeploymentOptions().setConfig(TestConfig.withPort(config, port)))
      .<Void>map(id -> {
        ports.put(role, port);
        return null;
      })
      .recover(f -> attemptsLeft > 1 && PortTaken.by(f) ? listen(role, api, attemptsLeft - 1) : Future.failedFuture(f));
  }

  /** The port of the API whose callers have {@code role} (ADMIN: the admin API). */
  public int port(Role role) {
    return ports.get(role);
  }

  /** An access token for {@code id} in {@code role}, valid 15 minutes. */
  public String token(String id, Role role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role.name()).put("typ", "access"), 900);
  }

  /** A stored account of {@code kind} with {@code fields} (ACTIVE unless the fields say otherwise): its id. */
  public Future<String> account(AccountKind kind, JsonObject fields) {
    return accounts.create(kind, fields).map(a -> a.getString(kind.idField()));
  }

  public Future<HttpResponse<Buffer>> call(HttpMethod method, Role api, String path, String token, JsonObject body) {
    return call(method, port(api), path, token, body);
  }

  public Future<HttpResponse<Buffer>> call(HttpMethod method, int port, String path, String token, JsonObject body) {
    return call(method, port, path, token, body, MultiMap.caseInsensitiveMultiMap());
  }

  public Future<HttpResponse<Buffer>> call(HttpMethod method, int port, String path, String token, JsonObject body,
                                           MultiMap headers) {
    var request = web.request(method, port, "127.0.0.1", path).putHeaders(headers);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** A 2xx answer's JSON object; a failure naming the call otherwise. */
  public Future<JsonObject> ok(HttpMethod method, Role api, String path, String token, JsonObject body) {
    return call(method, api, path, token, body).compose(r -> r.statusCode() / 100 == 2
      ? Future.succeededFuture(r.bodyAsJsonObject())
      : Future.failedFuture(method + " " + path + " on the " + api + " API answered " + r.statusCode() + " " + r.bodyAsString()));
  }

  /** Retries {@code attempt} every 100 ms until its result satisfies {@code done} (at most {@code tries} times). */
  public <T> Future<T> until(Supplier<Future<T>> attempt, Predicate<T> done, int tries, String what) {
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
