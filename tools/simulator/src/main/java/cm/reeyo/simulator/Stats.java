package cm.reeyo.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What the run measured, touched only from the simulator's event loop: latency per step (a bounded reservoir each,
 * so memory stays flat on long runs), failures by step and code, deliveries over the last minute, sockets open.
 */
final class Stats {

  private static final int RESERVOIR = 20_000;

  private final Map<String, Reservoir> steps = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, Long> events = new TreeMap<>();
  private final Deque<Long> recentDeliveries = new ArrayDeque<>();
  private final SplittableRandom sampling = new SplittableRandom(7);
  private long requests;
  private int socketsOpen;

  void latency(String step, long millis) {
    requests++;
    steps.computeIfAbsent(step, s -> new Reservoir()).add(millis, sampling);
  }

  void error(String step, String code) {
    errors.merge(step + " " + code, 1L, Long::sum);
  }

  void count(String event) {
    events.merge(event, 1L, Long::sum);
  }

  long counted(String event) {
    return events.getOrDefault(event, 0L);
  }

  void delivered(long nowMs) {
    recentDeliveries.addLast(nowMs);
    count("delivered");
  }

  int deliveriesLastMinute(long nowMs) {
    while (!recentDeliveries.isEmpty() && recentDeliveries.peekFirst() < nowMs - 60_000) {
      recentDeliveries.removeFirst();
    }
    return recentDeliveries.size();
  }

  void socketOpened() {
    socketsOpen++;
  }

  void socketClosed() {
    socketsOpen--;
  }

  int socketsOpen() {
    return socketsOpen;
  }

  long requests() {
    return requests;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Long> errors() {
    return errors;
  }

  Map<String, Long> events() {
    return events;
  }

  /** {@code step -> [count, p50, p99, max]} in milliseconds. */
  Map<String, long[]> percentiles() {
    Map<String, long[]> out = new TreeMap<>();
    steps.forEach((step, r) -> out.put(step, r.summary()));
    return out;
  }

  /** The worst p99 over all steps (ms). */
  long worstP99() {
    return steps.values().stream().mapToLong(r -> r.summary()[2]).max().orElse(0);
  }

  private static final class Reservoir {
    private final long[] samples = new long[RESERVOIR];
    private long seen;
    private long max;

    void add(long value, SplittableRandom random) {
      max = Math.max(max, value);
      if (seen < RESERVOIR) {
        samples[(int) seen] = value;
      } else {
        long slot = random.nextLong(seen + 1);
        if (slot < RESERVOIR) {
          samples[(int) slot] = value;
        }
      }
      seen++;
    }

    long[] summary() {
      int n = (int) Math.min(seen, RESERVOIR);
      if (n == 0) {
        return new long[]{0, 0, 0, 0};
      }
      long[] sorted = Arrays.copyOf(samples, n);
      Arrays.sort(sorted);
      return new long[]{seen, sorted[(int) (n * 0.50)], sorted[Math.min(n - 1, (int) (n * 0.99))], max};
    }
  }
}
