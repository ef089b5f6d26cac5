package cm.reeyo.launcher;

import cm.reeyo.edge.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The node's management port ({@code management.port} + {@code node.portOffset}, default 9090; 0 picks a free
 * port, a negative port turns it off; bound to {@code management.host}, default 127.0.0.1): {@code GET /metrics}
 * (Prometheus text format), {@code GET /health}, {@code GET /ready} (503 while the node starts and once it drains). Not for the
 * public internet: it carries no authentication.
 */
public final class ManagementServer extends VerticleBase {

  public static final String MANAGEMENT = "management";
  public static final String PORT = "port";
  public static final String HOST = "host";
  public static final int DEFAULT_PORT = 9090;
  public static final String DEFAULT_HOST = "127.0.0.1";

  private HttpServer server;

  /** The port {@code config} asks for, offset applied; negative when the management port is off. */
  public static int port(JsonObject config) {
    int port = config.getJsonObject(MANAGEMENT, new JsonObject()).getInteger(PORT, DEFAULT_PORT);
    int offset = config.getJsonObject("node", new JsonObject()).getInteger(NodeDeployer.PORT_OFFSET, 0);
    return port > 0 ? port + offset : port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(NodeMetrics.registry()));
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> {
      String status = Readiness.nodeDraining() ? "DRAINING" : Readiness.startingUp() ? "STARTING" : "UP";
      ctx.response().setStatusCode("UP".equals(status) ? 200 : 503);
      ctx.json(new JsonObject().put("status", status));
    });
    String host = config().getJsonObject(MANAGEMENT, new JsonObject()).getString(HOST, DEFAULT_HOST);
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port(config())))
      .requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The port it listens on. */
  public int actualPort() {
    return server.actualPort();
  }
}
