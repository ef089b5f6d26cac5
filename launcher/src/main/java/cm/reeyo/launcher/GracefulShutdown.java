package cm.reeyo.launcher;

import cm.reeyo.edge.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does to a node, in order: every {@code /ready} answers 503 and every answer asks the client to
 * reconnect elsewhere ({@link Readiness#drainAll()}); the node keeps serving for {@code shutdown.drainMs} (default
 * 2000) so that a load balancer notices and moves traffic away; then the verticles are undeployed, all at once:
 * HTTP servers stop accepting and finish in-flight requests within {@code http.shutdownTimeoutMs}, the bridge
 * closes its sockets; then the node's own verticles stop (the heartbeat says it leaves) and Vert.x closes,
 * leaving the cluster (the caller closes Vert.x).
 */
public final class GracefulShutdown {

  public static final String SHUTDOWN = "shutdown";
  public static final String DRAIN_MS = "drainMs";
  public static final long DEFAULT_DRAIN_MS = 2000;
  /** Beyond the drain period, how long the whole sequence may take before the process exits anyway. */
  public static final long GRACE_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private GracefulShutdown() {
  }

  /** The drain period {@code config} asks for. */
  public static long drainMs(JsonObject config) {
    return config.getJsonObject(SHUTDOWN, new JsonObject()).getLong(DRAIN_MS, DEFAULT_DRAIN_MS);
  }

  /**
   * Drains and undeploys; completes once the verticles are undeployed. The caller then closes Vert.x (waiting on
   * {@code vertx.close()} from its own thread: a future chained on an event loop could not complete once the event
   * loops are gone).
   */
  public static Future<Void> drainAndUndeploy(Vertx vertx, NodeDeployments deployments, long drainMs) {
    Readiness.drainAll();
    LOG.info("draining: /ready answers 503; undeploying in {} ms", drainMs);
    Future<Void> drained = drainMs > 0 ? vertx.timer(drainMs) : Future.succeededFuture();
    return drained
      .compose(v -> deployments.undeployAll())
      .onComplete(v -> LOG.info("verticles undeployed; leaving the cluster"));
  }
}
