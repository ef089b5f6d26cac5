package cm.reeyo.contracts.bus;

import io.vertx.core.Vertx;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * How much one node's callers may ask of one address at once: {@code maxInFlight} requests waiting for an answer;
 * beyond that up to {@code maxQueued} wait in line at most {@code maxQueueWaitMs}; beyond either, the call fails at
 * once with UNAVAILABLE ("overloaded"), which the HTTP edges answer 503 with {@code Retry-After}. Defaults from the
 * system properties {@code reeyo.bus.maxInFlight} (256), {@code reeyo.bus.maxQueued} (1024) and
 * {@code reeyo.bus.maxQueueWaitMs} (1000); a node may set its own with {@link #set}.
 */
public record BusLimits(int maxInFlight, int maxQueued, long maxQueueWaitMs) {

  public static final BusLimits DEFAULTS = new BusLimits(Integer.getInteger("reeyo.bus.maxInFlight", 256),
    Integer.getInteger("reeyo.bus.maxQueued", 1024), Long.getLong("reeyo.bus.maxQueueWaitMs", 1000L));
  private static final Map<Vertx, BusLimits> BY_VERTX = Collections.synchronizedMap(new WeakHashMap<>());

  public BusLimits {
    if (maxInFlight < 1 || maxQueued < 0 || maxQueueWaitMs < 0) {
      throw new IllegalArgumentException("bus limits must be positive");
    }
  }

  /** The limits of callers on {@code vertx} (clients made before the call keep the limits they started with). */
  public static void set(Vertx vertx, BusLimits limits) {
    BY_VERTX.put(vertx, limits);
  }

  static BusLimits of(Vertx vertx) {
    return BY_VERTX.getOrDefault(vertx, DEFAULTS);
  }
}
