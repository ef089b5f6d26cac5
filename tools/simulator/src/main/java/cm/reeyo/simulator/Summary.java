package cm.reeyo.simulator;

import java.util.List;
import java.util.Map;

/** The final report: orders by outcome and method, throughput, per-step latency, errors, money checks, verdict. */
final class Summary {

  private final City city;
  private final Map<String, Object> figures;
  private final List<String> failures;
  private final long trafficMs;
  private final SimOptions options;

  Summary(City city, Map<String, Object> figures, List<String> failures, long trafficMs, SimOptions options) {
    this.city = city;
    this.figures = figures;
    this.failures = failures;
    this.trafficMs = trafficMs;
    this.options = options;
  }

  double errorRate() {
    long requests = Math.max(1, city.stats.requests());
    return (double) city.stats.errorCount() / requests;
  }

  boolean passed() {
    boolean errorsOk = options.maxErrorRate() <= 0 ? city.stats.errorCount() == 0 : errorRate() <= options.maxErrorRate();
    return failures.isEmpty() && errorsOk;
  }

  String text() {
    StringBuilder b = new StringBuilder("\n=== simulation summary ===\n");
    long delivered = city.stats.counted("delivered");
    double minutes = trafficMs / 60_000.0;
    b.append(String.format("orders placed %d, delivered %d (%.1f/min over %.1f min of traffic and drain)%n",
      city.orders.size(), delivered, minutes > 0 ? delivered / minutes : 0, minutes));
    b.append("events:\n");
    city.stats.events().forEach((k, v) -> b.append(String.format("  %-44s %d%n", k, v)));
    b.append(String.format("steps (count, p50, p99, max ms), %d requests:%n", city.stats.requests()));
    city.stats.percentiles().forEach((k, v) ->
      b.append(String.format("  %-32s %7d %7d %7d %7d%n", k, v[0], v[1], v[2], v[3])));
    b.append(String.format("errors: %d (%.3f%% of steps; threshold %s)%n", city.stats.errorCount(), errorRate() * 100,
      options.maxErrorRate() <= 0 ? "none allowed" : options.maxErrorRate() * 100 + "%"));
    city.stats.errors().forEach((k, v) -> b.append(String.format("  %-60s %d%n", k, v)));
    b.append("money:\n");
    figures.forEach((k, v) -> b.append(String.format("  %-40s %s%n", k, v)));
    if (failures.isEmpty()) {
      b.append("invariants: all hold\n");
    } else {
      b.append("invariants FAILED:\n");
      failures.forEach(f -> b.append("  - ").append(f).append('\n'));
    }
    b.append(passed() ? "RESULT: PASS\n" : "RESULT: FAIL\n");
    return b.toString();
  }
}
