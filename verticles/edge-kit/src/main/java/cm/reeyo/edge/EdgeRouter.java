package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;

import java.util.List;
import java.util.Set;

/**
 * The shared front of every HTTP API: request id, security headers, access log, CORS from config, an explicit
 * body limit, {@code /health}, {@code /ready}, {@code /openapi.json}, and one failure handler that renders
 * every failure (bad JSON, unknown route, 405, 413, bus errors) in the API.md error shape.
 */
public final class EdgeRouter {

  public static final String CONF_HTTP = "http";
  public static final String CONF_PORT = "port";
  public static final String CONF_HOST = "host";
  public static final String CONF_BODY_LIMIT = "bodyLimitBytes";
  public static final String CONF_CORS = "cors";
  public static final String CONF_TRUSTED_PROXY_HEADER = "trustedProxyHeader";
  public static final long DEFAULT_BODY_LIMIT = 64 * 1024;

  private EdgeRouter() {
  }

  /** A router with the shared pipeline; add API routes to it, then {@link #listen}. */
  public static Router create(Vertx vertx, JsonObject config, Readiness readiness, OpenApiDoc openApi) {
    JsonObject http = config.getJsonObject(CONF_HTTP, new JsonObject());
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler();
    if (ResponseCheck.enabled()) {
      router.route().handler(ResponseCheck.handler(vertx, openApi));
    }
    router.route().handler(readiness::closeHint);
    router.route().handler(new RequestId()).handler(new SecurityHeaders()).handler(new AccessLog());
    cors(http).ifPresent(cors -> router.route().handler(cors));
    router.route().handler(BodyHandler.create(false).setBodyLimit(http.getLong(CONF_BODY_LIMIT, DEFAULT_BODY_LIMIT)));
    router.get("/health").handler(readiness::health);
    router.get("/ready").handler(readiness::ready);
    router.get("/openapi.json").handler(openApi.handler(vertx));
    router.route().failureHandler(failures);
    for (int status : List.of(400, 404, 405, 413, 415, 500)) {
      router.errorHandler(status, failures);
    }
    return router;
  }

  /**
   * Listens on {@code http.port} (shared by every instance of the verticle) with compression on; requests the codec
   * refuses (URL or headers too long, broken HTTP) are answered by {@link InvalidRequests}.
   */
  public static Future<HttpServer> listen(Vertx vertx, Router router, JsonObject config) {
    JsonObject http = config.getJsonObject(CONF_HTTP, new JsonObject());
    HttpServerOptions options = new HttpServerOptions()
      .setHost(http.getString(CONF_HOST, "0.0.0.0"))
      .setPort(http.getInteger(CONF_PORT, 0))
      .setCompressionSupported(true)
      .setIdleTimeout(120)
      .setMaxHeaderSize(16 * 1024)
      .setMaxInitialLineLength(InvalidRequests.MAX_INITIAL_LINE);
    return vertx.createHttpServer(options).invalidRequestHandler(new InvalidRequests()).requestHandler(router).listen();
  }

  /** The client IP resolver configured for this API. */
  public static ClientIp clientIp(JsonObject config) {
    return new ClientIp(config.getJsonObject(CONF_HTTP, new JsonObject()).getString(CONF_TRUSTED_PROXY_HEADER));
  }

  private static java.util.Optional<CorsHandler> cors(JsonObject http) {
    JsonArray origins = http.getJsonObject(CONF_CORS, new JsonObject()).getJsonArray("origins", new JsonArray());
    if (origins.isEmpty()) {
      return java.util.Optional.empty();
    }
    CorsHandler cors = CorsHandler.create()
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"))
      .exposedHeaders(Set.of("X-Request-Id", "Retry-After"))
      .maxAgeSeconds(600);
    origins.stream().map(String::valueOf).forEach(cors::addOrigin);
    return java.util.Optional.of(cors);
  }
}
