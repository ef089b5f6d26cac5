package cm.reeyo.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Business counters of the platform, recorded on Micrometer's global registry (the launcher adds its Prometheus
 * registry to it, so they appear at {@code /metrics} of the node's management port; without a launcher, e.g. in
 * a module's own tests, they cost nothing). Prometheus names:
 * <ul>
 *   <li>{@code reeyo_orders_transitions_total{status}}: an order entered {@code status} ({@link #orderTransition})</li>
 *   <li>{@code reeyo_settlements_total{outcome}}: a settlement ended with {@code outcome} ({@link #settlement})</li>
 *   <li>{@code reeyo_notifications_total{channel,outcome}}: sms|email|push|inbox, sent|failed|skipped
 *       ({@link #notification})</li>
 *   <li>{@code reeyo_bridge_sockets}: SockJS bridge sockets open on this node ({@link #bridgeSocketOpened},
 *       {@link #bridgeSocketClosed})</li>
 * </ul>
 * Tag values must come from small fixed sets (statuses, outcomes, channel names), never ids.
 */
public final class BusinessMetrics {

  public static final String ORDER_TRANSITIONS = "reeyo.orders.transitions";
  public static final String SETTLEMENTS = "reeyo.settlements";
  public static final String NOTIFICATIONS = "reeyo.notifications";
  public static final String BRIDGE_SOCKETS = "reeyo.bridge.sockets";
  public static final String OPS_ALERTS = "reeyo.ops.alerts";

  private static final AtomicInteger OPEN_SOCKETS = new AtomicInteger();

  static {
    Gauge.builder(BRIDGE_SOCKETS, OPEN_SOCKETS, AtomicInteger::get)
      .description("SockJS bridge sockets open on this node").register(registry());
  }

  private BusinessMetrics() {
  }

  /** An order entered {@code status} (e.g. PLACED, ACCEPTED, DELIVERED, CANCELLED). */
  public static void orderTransition(String status) {
    Counter.builder(ORDER_TRANSITIONS).description("Order status transitions").tag("status", status)
      .register(registry()).increment();
  }

  /** A settlement ended with {@code outcome} (e.g. settled, refunded, duplicate, failed). */
  public static void settlement(String outcome) {
    Counter.builder(SETTLEMENTS).description("Order settlements by outcome").tag("outcome", outcome)
      .register(registry()).increment();
  }

  /** A notification on {@code channel} (sms, email, push, inbox) ended with {@code outcome} (sent, failed, ...). */
  public static void notification(String channel, String outcome) {
    Counter.builder(NOTIFICATIONS).description("Notifications by channel and outcome").tag("channel", channel)
      .tag("outcome", outcome).register(registry()).increment();
  }

  /** An operational alert of {@code kind} (large-transaction, burst, other) was heard on this node. */
  public static void opsAlert(String kind) {
    Counter.builder(OPS_ALERTS).description("Operational alerts heard, by kind").tag("kind", kind)
      .register(registry()).increment();
  }

  /** A bridge socket opened on this node. */
  public static void bridgeSocketOpened() {
    OPEN_SOCKETS.incrementAndGet();
  }

  /** A bridge socket closed on this node. */
  public static void bridgeSocketClosed() {
    OPEN_SOCKETS.decrementAndGet();
  }

  /** Bridge sockets open on this node now. */
  public static int bridgeSockets() {
    return OPEN_SOCKETS.get();
  }

  private static MeterRegistry registry() {
    return Metrics.globalRegistry;
  }
}
