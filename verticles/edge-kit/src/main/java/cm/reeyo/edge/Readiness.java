package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health} (the process answers) and {@code /ready} (every dependency answers in time, and the node
 * has finished starting and is not draining). A check is a named supplier of a future; each gets two seconds.
 *
 * <p>Two ways of going away: the whole node drains ({@link #drainAll()}, on SIGTERM): every {@code /ready} of
 * the node answers 503 so a load balancer stops sending traffic; one instance closes ({@link #drain()}, when
 * it is undeployed, e.g. while re-scaling): its {@code /ready} stays as it was since the node's other instances
 * keep serving. Either way, while going away every response asks the client to reconnect
 * ({@code Connection: close}), so that keep-alive clients leave the closing server before it shuts down.
 */
public final class Readiness {

  private static final long CHECK_TIMEOUT_MS = 2000;
  private static volatile boolean nodeDraining;
  private static volatile boolean nodeStarting;

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private volatile boolean closing;

  public Readiness check(String name, Supplier<Future<?>> probe) {
    checks.put(name, probe);
    return this;
  }

  /**
   * The node is still starting (the launcher says so before it deploys): every {@code /ready} of this JVM answers
   * 503 STARTING until {@link #nodeStarted()}, so that "ready" means usable — in dev mode, demo data included.
   * Verticles deployed without the launcher (tests) are never held.
   */
  public static void nodeStarting() {
    nodeStarting = true;
  }

  /** The node has finished starting (see {@link #nodeStarting()}). */
  public static void nodeStarted() {
    nodeStarting = false;
  }

  /** Whether the node is still starting. */
  public static boolean startingUp() {
    return nodeStarting;
  }

  /** The whole node drains: from now on every {@code /ready} of this JVM answers 503. */
  public static void drainAll() {
    nodeDraining = true;
  }

  /** Whether {@link #drainAll()} was called in this JVM. */
  public static boolean nodeDraining() {
    return nodeDraining;
  }

  /** This instance closes: its responses ask clients to reconnect; {@code /ready} is left to the node. */
  public void drain() {
    closing = true;
  }

  /** Whether this instance's responses carry {@code Connection: close}. */
  public boolean goingAway() {
    return closing || nodeDraining;
  }

  /** Pipeline step: adds {@code Connection: close} to answers written while the instance or the node goes away. */
  public void closeHint(RoutingContext ctx) {
    if (ctx.request().version() != HttpVersion.HTTP_2) {
      ctx.addHeadersEndHandler(v -> {
        if (goingAway()) {
          ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
      });
    }
    ctx.next();
  }

  public void health(RoutingContext ctx) {
    Responses.ok(ctx, new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    if (nodeDraining) {
      Responses.json(ctx, 503, new JsonObject().put("status", "DRAINING"));
      return;
    }
    if (nodeStarting) {
      Responses.json(ctx, 503, new JsonObject().put("status", "STARTING"));
      return;
    }
    JsonObject report = new JsonObject();
    List<Future<?>> probes = checks.entrySet().stream()
      .map(e -> e.getValue().get()
        .timeout(CHECK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .andThen(r -> report.put(e.getKey(), r.succeeded() ? "UP" : "DOWN")))
      .<Future<?>>map(f -> f)
      .toList();
    Future.join(probes).onComplete(all -> {
      boolean up = all.succeeded();
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", report));
    });
  }
}
