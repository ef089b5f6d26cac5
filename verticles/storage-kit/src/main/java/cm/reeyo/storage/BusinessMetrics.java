package cm.reeyo.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 *   <li>{@code reeyo_auth_logins_total{outcome}}: success|failed|locked|denied ({@link #login}), and
 *       {@code reeyo_auth_lockouts_total}: accounts just locked ({@link #lockout})</li>
 *   <li>{@code reeyo_wallet_transfer_xaf{kind}}: committed ledger transfers and their amounts, a histogram with
 *       buckets at {@link #TRANSFER_BUCKETS_XAF} so alert rules can count large movements ({@link #transfer})</li>
 *   <li>{@code reeyo_outbox_due}: notifications due but not yet sent, as last seen by this node's dispatcher
 *       (capped at its batch) ({@link #outboxDue})</li>
 *   <li>{@code reeyo_event_loop_lag_seconds}: the largest event-loop delay seen in the last heartbeat period
 *       ({@link #eventLoopLag})</li>
 * </ul>
 * Tag values must come from small fixed sets (statuses, outcomes, channel names), never ids.
 */
public final class BusinessMetrics {

  public static final String ORDER_TRANSITIONS = "reeyo.orders.transitions";
  public static final String SETTLEMENTS = "reeyo.settlements";
  public static final String NOTIFICATIONS = "reeyo.notifications";
  public static final String BRIDGE_SOCKETS = "reeyo.bridge.sockets";
  public static final String OPS_ALERTS = "reeyo.ops.alerts";
  public static final String LOGINS = "reeyo.auth.logins";
  public static final String LOCKOUTS = "reeyo.auth.lockouts";
  public static final String TRANSFERS = "reeyo.wallet.transfer";
  public static final String OUTBOX_DUE = "reeyo.outbox.due";
  public static final String EVENT_LOOP_LAG = "reeyo.event.loop.lag";

  /** Histogram buckets of transfer amounts (XAF): alert rules read "above 500,000" from the 500000 bucket. */
  public static final double[] TRANSFER_BUCKETS_XAF = {10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000};

  private static final AtomicInteger OPEN_SOCKETS = new AtomicInteger();
  private static final AtomicInteger DUE_NOTIFICATIONS = new AtomicInteger();
  private static final AtomicLong LAG_MS = new AtomicLong();

  static {
    Gauge.builder(BRIDGE_SOCKETS, OPEN_SOCKETS, AtomicInteger::get)
      .description("SockJS bridge sockets open on this node").register(registry());
    Gauge.builder(OUTBOX_DUE, DUE_NOTIFICATIONS, AtomicInteger::get)
      .description("Notifications due and not yet sent, as last seen by this node's dispatcher").register(registry());
    Gauge.builder(EVENT_LOOP_LAG, LAG_MS, ms -> ms.get() / 1000.0).baseUnit("seconds")
      .description("Largest event-loop delay in the last heartbeat period").register(registry());
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

  /** A login attempt ended with {@code outcome}: success, failed (wrong credentials), locked, denied (suspended). */
  public static void login(String outcome) {
    Counter.builder(LOGINS).description("Login attempts by outcome").tag("outcome", outcome).register(registry())
      .increment();
  }

  /** An account was just locked after too many failed logins. */
  public static void lockout() {
    Counter.builder(LOCKOUTS).description("Accounts locked after failed logins").register(registry()).increment();
  }

  /** A ledger transfer of {@code kind} moving {@code amountXaf} (its credits) was committed. */
  public static void transfer(String kind, long amountXaf) {
    DistributionSummary.builder(TRANSFERS).baseUnit("xaf").description("Committed ledger transfers by kind and amount")
      .tag("kind", kind).serviceLevelObjectives(TRANSFER_BUCKETS_XAF).register(registry()).record(amountXaf);
  }

  /** The dispatcher's last pass saw {@code count} notifications due. */
  public static void outboxDue(int count) {
    DUE_NOTIFICATIONS.set(count);
  }

  /** The largest event-loop delay of the last heartbeat period, in milliseconds. */
  public static void eventLoopLag(long ms) {
    LAG_MS.set(ms);
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
