package cm.reeyo.launcher;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The node's metrics: one Prometheus registry per JVM, fed by Vert.x (HTTP server per route, method and status
 * with a latency histogram; event bus per address; pools; JVM) and by Micrometer's global registry (the
 * storage kit's {@code BusinessMetrics}). Per-identity client addresses ({@code client.user.<id>}, ...) are
 * folded into one value per family ({@code client.user.*}) so the address label stays small.
 * {@link ManagementServer} serves it at {@code /metrics}.
 */
public final class NodeMetrics {

  private static PrometheusMeterRegistry registry;

  private NodeMetrics() {
  }

  /**
   * This JVM's registry, also added to Micrometer's global registry. Closing a Vert.x with metrics closes its
   * registry: the next call then makes a fresh one (only tests run several Vert.x in one JVM).
   */
  public static synchronized PrometheusMeterRegistry registry() {
    if (registry == null || registry.isClosed()) {
      if (registry != null) {
        Metrics.removeRegistry(registry);
      }
      PrometheusMeterRegistry fresh = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      BackendRegistries.registerMatchers(fresh, clientAddressFamilies());
      Metrics.addRegistry(fresh);
      registry = fresh;
    }
    return registry;
  }

  /** {@code options} with Vert.x metrics on, reporting to {@link #registry()}. */
  public static VertxOptions enable(VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
      .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_CODE, Label.HTTP_METHOD, Label.EB_ADDRESS, Label.EB_SIDE,
        Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME));
    return options.setMetricsOptions(metrics);
  }

  /** The metrics factory to give {@code Vertx.builder().withMetrics(...)}. */
  public static MicrometerMetricsFactory factory() {
    return new MicrometerMetricsFactory(registry());
  }

  private static List<Match> clientAddressFamilies() {
    List<Match> matches = new ArrayList<>();
    for (String family : new String[] {"user", "vendor", "rider", "admin", "order"}) {
      matches.add(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel(Label.EB_ADDRESS.toString())
        .setType(MatchType.REGEX).setValue("client\\." + family + "\\..+").setAlias("client." + family + ".*"));
    }
    return matches;
  }
}
