package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * One bounded run: build the city, measure escrow, let the traffic run for the asked minutes with a live status
 * line, give open orders the drain time to finish, cancel what is still open as an admin would, check the money,
 * print the summary. The outcome says whether the run passed (no failed invariant, errors within the threshold).
 */
public final class Simulation {

  /** What a run found: passed or not, the summary text, and the counters a test can assert on. */
  public record Outcome(boolean passed, String summary, java.util.Map<String, Long> events, long errors,
                        List<String> failures) {
  }

  private final Vertx vertx;
  private final SimOptions options;
  private final PrintStream out;

  public Simulation(Vertx vertx, SimOptions options, PrintStream out) {
    this.vertx = vertx;
    this.options = options;
    this.out = out;
  }

  /** Runs the simulation; call it on a Vert.x context (every callback then runs on that one event loop). */
  public Future<Outcome> run() {
    City city = new City(vertx, options);
    Invariants invariants = new Invariants(city);
    Progress progress = new Progress(city, out, options.quiet());
    long started = System.currentTimeMillis();
    long[] escrowAtStart = {0};
    long[] trafficStarted = {0};
    out.printf("simulator: %d customers, %d vendors, %d riders, %.1f orders/min for %.1f min, seed %d, pace %.0fx, target %s%n",
      options.customers(), options.vendors(), options.riders(), options.ratePerMinute(), options.minutes(), options.seed(),
      options.pace(), options.endpoints());
    return city.build()
      .compose(v -> invariants.escrow())
      .compose(escrow -> {
        escrowAtStart[0] = escrow;
        out.printf("city built in %.1f s%n", (System.currentTimeMillis() - started) / 1000.0);
        progress.start();
        trafficStarted[0] = System.currentTimeMillis();
        return new Traffic(city).run(trafficStarted[0] + Math.round(options.minutes() * 60_000));
      })
      .compose(v -> drain(city, System.currentTimeMillis() + options.drainSeconds() * 1000L))
      .compose(v -> {
        progress.stop();
        city.stop();
        return adoptUnknown(city).compose(x -> cancelLeftovers(city));
      })
      .compose(v -> Onboarding.admin(city.http, options.adminEmail(), options.adminPassword(), "10.9.0.2"))
      .compose(auditor -> {
        city.admin = auditor;
        return invariants.check(escrowAtStart[0]);
      })
      .transform(ar -> {
        progress.stop();
        List<String> failures = new java.util.ArrayList<>(invariants.failures());
        if (ar.failed()) {
          failures.add("the run stopped: " + ar.cause().getMessage());
        }
        long trafficMs = trafficStarted[0] == 0 ? 0 : System.currentTimeMillis() - trafficStarted[0];
        Summary summary = new Summary(city, invariants.figures(), failures, trafficMs, options);
        String text = summary.text();
        out.println(text);
        return city.close().transform(c -> Future.succeededFuture(new Outcome(summary.passed(), text,
          new java.util.TreeMap<>(city.stats.events()), city.stats.errorCount(), failures)));
      });
  }

  private Future<Void> drain(City city, long untilMs) {
    Promise<Void> done = Promise.promise();
    long timer = vertx.setPeriodic(500, t -> {
      if (city.openOrders() <= 0 || System.currentTimeMillis() >= untilMs) {
        vertx.cancelTimer(t);
        done.tryComplete();
      }
    });
    return done.future();
  }

  private Future<Void> adoptUnknown(City city) {
    Future<Void> chain = Future.succeededFuture();
    for (Customer c : city.customers) {
      chain = chain.compose(v -> c.adoptUnknownOrders().recover(f -> Future.succeededFuture()));
    }
    return chain;
  }

  /** Orders still open after the drain are cancelled by the admin (refunded when paid), as operations would. */
  private Future<Void> cancelLeftovers(City city) {
    List<SimOrder> open = city.orders.values().stream().filter(o -> !o.finished()).toList();
    Future<Void> chain = Future.succeededFuture();
    for (SimOrder o : open) {
      chain = chain.compose(v -> city.http.call(city.admin, Http.Api.ADMIN, HttpMethod.POST,
          "/api/v1/orders/" + o.orderId + "/cancel", new JsonObject().put("reason", "simulation ended"),
          "admin.cancel-leftover", Set.of(409))
        .compose(r -> city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, "/api/v1/orders/" + o.orderId, null,
          "admin.order"))
        .map(order -> {
          // a step answered 5xx while its node died may still have been written: the stored status is the truth
          String status = order.getString("status");
          city.stats.count("CANCELLED".equals(status) ? "left open at the end, cancelled by the admin"
            : "left open at the end, found " + status);
          city.finish(o, status);
          return (Void) null;
        })
        .recover(f -> Future.succeededFuture()));
    }
    return chain.compose(v -> {
      Promise<Void> settle = Promise.promise();
      vertx.setTimer(open.isEmpty() ? 1 : 2_000, t -> settle.complete());
      return settle.future();
    });
  }
}
