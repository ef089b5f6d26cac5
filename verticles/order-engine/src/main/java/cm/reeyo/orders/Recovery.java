package cm.reeyo.orders;

import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Lease;
import cm.reeyo.storage.RecoveryMetrics;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order engine's recovery sweeper. Every {@code recovery.intervalMs} each engine instance tries to take the
 * cluster-wide lease {@value #LEASE}; only its holder sweeps, so exactly one instance in the cluster re-drives at a
 * time, and another takes over within {@code recovery.leaseMs} when the holder's node dies. A sweep reads the due
 * follow-ups ({@link FollowUps#due}, never a table scan) and re-drives each idempotently from the order record:
 * settle or refund again, or offer an accepted order again when its dispatch state was lost (Redis flushed).
 */
final class Recovery {

  static final String LEASE = "order-engine-recovery";
  static final long DEFAULT_INTERVAL_MS = 5_000;
  static final long DEFAULT_LEASE_MS = 15_000;
  static final long DEFAULT_OVERDUE_MS = 600_000;
  static final long DEFAULT_RECHECK_MS = 30_000;
  static final long MAX_BACKOFF_MS = 600_000;
  static final int PER_SHARD = 25;

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final OrderStore store;
  private final FollowUps followUps;
  private final MoneyFollowUp money;
  private final Dispatcher dispatcher;
  private final RedisAPI redis;
  private final Lease lease;
  private final long overdueMs;
  private final long recheckMs;
  private boolean sweeping;
  private Holds holds;

  Recovery(JsonObject config, OrderStore store, FollowUps followUps, MoneyFollowUp money, Dispatcher dispatcher,
           RedisAPI redis, Lease lease) {
    JsonObject c = config.getJsonObject(OrderFollowUps.CONF, new JsonObject());
    this.store = store;
    this.followUps = followUps;
    this.money = money;
    this.dispatcher = dispatcher;
    this.redis = redis;
    this.lease = lease;
    this.overdueMs = c.getLong("overdueMs", DEFAULT_OVERDUE_MS);
    this.recheckMs = c.getLong("dispatchRecheckMs", DEFAULT_RECHECK_MS);
  }

  static long intervalMs(JsonObject config) {
    return config.getJsonObject(OrderFollowUps.CONF, new JsonObject()).getLong("intervalMs", DEFAULT_INTERVAL_MS);
  }

  static long leaseMs(JsonObject config) {
    return config.getJsonObject(OrderFollowUps.CONF, new JsonObject()).getLong("leaseMs", DEFAULT_LEASE_MS);
  }

  /** Placement holds to give back when no order came of them, or when their order was cancelled ({@link Holds}). */
  void holds(Holds holds) {
    this.holds = holds;
  }

  /** One tick: sweeps when this instance holds (or just took) the lease; answers how many follow-ups it looked at. */
  Future<Integer> tick() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    return lease.acquire().compose(held -> held ? sweep() : Future.succeededFuture(0))
      .onComplete(ar -> sweeping = false);
  }

  /** Gives the lease up (a clean stop): another instance takes over at its next tick. */
  Future<Void> stop() {
    return lease.release();
  }

  private Future<Integer> sweep() {
    long now = System.currentTimeMillis();
    return followUps.due(now, PER_SHARD).compose(due -> {
      Map<String, Integer> overdue = new HashMap<>(Map.of(OrderFollowUps.SETTLE, 0, OrderFollowUps.REFUND, 0, OrderFollowUps.HOLD, 0,
        OrderFollowUps.DISPATCH, 0));
      due.forEach(f -> {
        if (now - f.getLong("createdAt", now) > overdueMs) {
          overdue.merge(f.getString("kind"), 1, Integer::sum);
        }
      });
      overdue.forEach(RecoveryMetrics::overdue);
      List<Future<Void>> redriven = due.stream().map(this::redrive).toList();
      return Future.join(redriven).otherwiseEmpty().map(v -> due.size());
    });
  }

  private Future<Void> redrive(JsonObject followUp) {
    String kind = followUp.getString("kind");
    String orderId = followUp.getString("ref");
    long attempts = followUp.getLong("attempts", 0L) + 1;
    if (OrderFollowUps.HOLD.equals(kind)) {
      return store.find(orderId).compose(order -> holds == null ? done(kind, orderId) : holds.redrive(order, orderId))
        .onSuccess(v -> RecoveryMetrics.redriven(kind, "done"))
        .recover(f -> {
          LOG.warn("recovery of {} {} failed: {}", kind, orderId, f.getMessage());
          return retry(kind, orderId, attempts, f.getMessage());
        });
    }
    return store.find(orderId).compose(order -> switch (order == null ? "" : kind) {
        case OrderFollowUps.SETTLE -> money("SETTLE_PENDING", order, attempts, kind, money::settle);
        case OrderFollowUps.REFUND -> money("REFUND_PENDING", order, attempts, kind,
          o -> money.refund(o, o.getString("cancelReason")));
        case OrderFollowUps.DISPATCH -> dispatch(order, attempts);
        default -> done(kind, orderId);
      })
      .recover(f -> {
        LOG.warn("recovery of {} {} failed: {}", kind, orderId, f.getMessage());
        return retry(kind, orderId, attempts, f.getMessage());
      });
  }

  private Future<Void> money(String pending, JsonObject order, long attempts, String kind,
                             Function<JsonObject, Future<JsonObject>> work) {
    String orderId = order.getString("orderId");
    if (!pending.equals(order.getString("paymentStatus"))) {
      return done(kind, orderId);
    }
    if (order.getString("settlement") != null) {
      return followUps.later(kind, orderId, attempts, System.currentTimeMillis() + FollowUps.BLOCKED_RECHECK_MS,
        "blocked: " + order.getString("settlement"), true).onSuccess(v -> RecoveryMetrics.redriven(kind, "blocked"));
    }
    LOG.info("recovery: {} of order {} (attempt {})", kind, orderId, attempts);
    return work.apply(order).compose(after -> pending.equals(after.getString("paymentStatus"))
      ? retry(kind, orderId, attempts, "wallet did not " + kind.toLowerCase(Locale.ROOT))
      : done(kind, orderId));
  }

  private Future<Void> dispatch(JsonObject order, long attempts) {
    String orderId = order.getString("orderId");
    if (order.getString("riderId") != null || !Lifecycle.DISPATCHABLE.contains(order.getString("status"))) {
      return done(OrderFollowUps.DISPATCH, orderId);
    }
    return redis.zscore(RedisKeys.ORDERS_PENDING, orderId).compose(score -> {
      Future<Void> offered = Future.succeededFuture();
      if (score == null) {
        LOG.info(order.containsKey("dispatchAt") ? "recovery: scheduled order {} is due for dispatch; offering it"
          : "recovery: order {} has no dispatch state (cache lost); offering it again", orderId);
        offered = dispatcher.start(order);
      }
      return offered.compose(v -> followUps.later(OrderFollowUps.DISPATCH, orderId, attempts,
        System.currentTimeMillis() + recheckMs, score == null ? "dispatch state was lost" : null, false));
    }).onSuccess(v -> RecoveryMetrics.redriven(OrderFollowUps.DISPATCH, "recheck"));
  }

  private Future<Void> done(String kind, String orderId) {
    return followUps.done(kind, orderId).onSuccess(v -> RecoveryMetrics.redriven(kind, "done"));
  }

  private Future<Void> retry(String kind, String orderId, long attempts, String error) {
    long backoff = Math.min(MAX_BACKOFF_MS, 5_000L * attempts * attempts);
    return followUps.later(kind, orderId, attempts, System.currentTimeMillis() + backoff, error, false)
      .onSuccess(v -> RecoveryMetrics.redriven(kind, "retry"));
  }
}
