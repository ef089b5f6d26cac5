package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health} (the process answers) and {@code /ready} (every dependency answers in time, and the node
 * is not draining). A check is a named supplier of a future; each gets two seconds.
 */
public final class Readiness {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private volatile boolean draining;

  public Readiness check(String name, Supplier<Future<?>> probe) {
    checks.put(name, probe);
    return this;
  }

  /** From now on {@code /ready} answers 503 so a load balancer stops sending traffic. */
  public void drain() {
    draining = true;
  }

  public void health(RoutingContext ctx) {
    Responses.ok(ctx, new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    if (draining) {
      Responses.json(ctx, 503, new JsonObject().put("status", "DRAINING"));
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
