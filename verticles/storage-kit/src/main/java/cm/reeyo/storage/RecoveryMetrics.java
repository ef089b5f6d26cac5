package cm.reeyo.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follow-up figures for operators: {@code reeyo_followups_overdue{kind}} (follow-ups of a kind seen due and older
 * than their deadline by the last sweep of the node that holds the recovery lease) and
 * {@code reeyo_followups_redriven_total{kind,outcome}} (done, retry, blocked).
 */
public final class RecoveryMetrics {

  public static final String OVERDUE = "reeyo.followups.overdue";
  public static final String REDRIVEN = "reeyo.followups.redriven";

  private static final Map<String, AtomicInteger> OVERDUE_BY_KIND = new ConcurrentHashMap<>();

  private RecoveryMetrics() {
  }

  /** The last sweep saw {@code count} overdue follow-ups of {@code kind}. */
  public static void overdue(String kind, int count) {
    OVERDUE_BY_KIND.computeIfAbsent(kind, k -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(OVERDUE, value, AtomicInteger::get).description("Follow-ups past their deadline")
        .tag("kind", k).register(Metrics.globalRegistry);
      return value;
    }).set(count);
  }

  /** A follow-up of {@code kind} was re-driven with {@code outcome} (done, retry, blocked). */
  public static void redriven(String kind, String outcome) {
    Counter.builder(REDRIVEN).description("Follow-ups re-driven by the recovery sweeper").tag("kind", kind)
      .tag("outcome", outcome).register(Metrics.globalRegistry).increment();
  }
}
