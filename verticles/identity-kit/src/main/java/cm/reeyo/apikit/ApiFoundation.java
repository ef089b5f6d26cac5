package cm.reeyo.apikit;

import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.ClientIp;
import cm.reeyo.edge.EdgeRouter;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.ApiRateLimit;
import cm.reeyo.edge.RateLimiter;
import cm.reeyo.edge.Readiness;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What every HTTP API verticle stands on: the node's DynamoDB and Redis clients, readiness checks on both, the
 * shared edge pipeline, the global per-IP rate limit on {@code /api/*}, the JWT codec and the audit log.
 * A verticle builds one in {@code start()}, mounts its routes on {@link #router()}, then calls {@link #listen}.
 */
public final class ApiFoundation {

  public static final String CONF_JWT = "jwt";
  /** {@code http.closeLingerMs}: on undeploy, how long responses ask clients to reconnect before the server shuts down. */
  public static final String CONF_CLOSE_LINGER_MS = "closeLingerMs";
  public static final long DEFAULT_CLOSE_LINGER_MS = 500;
  /** {@code http.shutdownTimeoutMs}: how long in-flight requests may take to finish once the server shuts down. */
  public static final String CONF_SHUTDOWN_TIMEOUT_MS = "shutdownTimeoutMs";
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

  public static final String CONF_MODE = "mode";
  public static final String MODE_DEV = "dev";

  private static final Logger LOG = LoggerFactory.getLogger(ApiFoundation.class);

  private final Vertx vertx;
  private final JsonObject config;
  private final Dynamo dynamo;
  private final RedisStore redis;
  private final Readiness readiness;
  private final RateLimiter limiter;
  private final JwtCodec jwt;
  private final ClientIp clientIp;
  private final AuditLog audit;
  private final Router router;
  private final OpenApiDoc openApi;
  private HttpServer server;

  private ApiFoundation(Vertx vertx, JsonObject config, String openApiResource) {
    this.vertx = vertx;
    this.config = config;
    this.dynamo = Dynamo.acquire(vertx, config);
    this.redis = RedisStore.acquire(vertx, config);
    this.limiter = new RateLimiter(redis.api());
    this.jwt = JwtCodec.fromConfig(vertx, config.getJsonObject(CONF_JWT, new JsonObject()));
    this.clientIp = EdgeRouter.clientIp(config);
    this.audit = new AuditLog(dynamo);
    this.readiness = new Readiness()
      .check("redis", redis::ping)
      .check("dynamodb", () -> dynamo.call(c -> c.listTables(b -> b.limit(1))));
    this.openApi = new OpenApiDoc(openApiResource);
    this.router = EdgeRouter.create(vertx, config, readiness, openApi);
    router.route("/api/*").handler(ApiRateLimit.fromConfig(limiter, config, jwt, clientIp));
  }

  public static ApiFoundation create(Vertx vertx, JsonObject config, String openApiResource) {
    return new ApiFoundation(vertx, config, openApiResource);
  }

  /**
   * Checks that the OpenAPI document describes every mounted route (in {@code dev} mode an undocumented route stops the
   * start: the document is the route list clients and the authorization tests rely on; elsewhere it is logged), creates
   * missing tables first when configured to (dev), then listens on {@code http.port}.
   */
  public Future<HttpServer> listen() {
    Future<Void> tables = dynamo.createTablesOnStart() ? new TableBootstrap(dynamo).ensureAll() : Future.succeededFuture();
    return documented().compose(v -> tables).compose(v -> EdgeRouter.listen(vertx, router, config))
      .andThen(r -> server = r.result());
  }

  private Future<Void> documented() {
    return openApi.load(vertx).compose(doc -> {
      List<String> missing = OpenApiDoc.undocumented(router, doc);
      if (missing.isEmpty()) {
        return Future.succeededFuture();
      }
      if (MODE_DEV.equals(config.getString(CONF_MODE, MODE_DEV))) {
        return Future.failedFuture(new IllegalStateException("routes missing from the OpenAPI document: " + missing));
      }
      LOG.error("routes missing from the OpenAPI document: {}", missing);
      return Future.succeededFuture();
    });
  }

  /**
   * Call from the verticle's {@code stop()}: asks clients to reconnect ({@link Readiness#drain()}) for
   * {@code http.closeLingerMs} (skipped when the whole node already drained), shuts the server down gracefully
   * (the port stays open while other instances share it; in-flight requests get {@code http.shutdownTimeoutMs}),
   * then releases the shared clients.
   */
  public Future<Void> close() {
    readiness.drain();
    JsonObject http = config.getJsonObject(EdgeRouter.CONF_HTTP, new JsonObject());
    long linger = Readiness.nodeDraining() ? 0 : http.getLong(CONF_CLOSE_LINGER_MS, DEFAULT_CLOSE_LINGER_MS);
    long timeout = http.getLong(CONF_SHUTDOWN_TIMEOUT_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS);
    Future<Void> shutdown = server == null ? Future.succeededFuture()
      : (linger > 0 ? vertx.timer(linger) : Future.succeededFuture())
        .compose(v -> server.shutdown(timeout, java.util.concurrent.TimeUnit.MILLISECONDS));
    return shutdown.eventually(() -> {
      Dynamo.release(vertx);
      RedisStore.release(vertx);
      return Future.succeededFuture();
    });
  }

  public AuthHandler auth(SessionCheck sessions) {
    return new AuthHandler(jwt, sessions);
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return config;
  }

  /** The API's OpenAPI document: add one fragment per route group ({@code openapi/<api>/<group>.json}). */
  public OpenApiDoc openApi() {
    return openApi;
  }

  public Router router() {
    return router;
  }

  public Dynamo dynamo() {
    return dynamo;
  }

  public RedisStore redis() {
    return redis;
  }

  public RateLimiter limiter() {
    return limiter;
  }

  public JwtCodec jwt() {
    return jwt;
  }

  public ClientIp clientIp() {
    return clientIp;
  }

  public AuditLog audit() {
    return audit;
  }

  public Readiness readiness() {
    return readiness;
  }
}
