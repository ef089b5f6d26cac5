package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Settlement and refunds after a step was written. The order record says what is owed ({@code paymentStatus}
 * SETTLE_PENDING / REFUND_PENDING); a wallet failure queues the order in {@code orders:wallet-retry} and the
 * sweeper retries (the wallet engine is idempotent by orderId), so money is never lost to a transient failure.
 */
final class MoneyFollowUp {

  static final String RETRY_KEY = "orders:wallet-retry";
  static final long RETRY_DELAY_MS = 15_000;

  private static final Logger LOG = LoggerFactory.getLogger(MoneyFollowUp.class);

  private final OrderStore store;
  private final WalletClient wallet;
  private final RedisAPI redis;

  MoneyFollowUp(OrderStore store, WalletClient wallet, RedisAPI redis) {
    this.store = store;
    this.wallet = wallet;
    this.redis = redis;
  }

  /** Settles a delivered order; answers the order with paymentStatus SETTLED, or still SETTLE_PENDING (queued). */
  Future<JsonObject> settle(JsonObject order) {
    return wallet.settle(order)
      .compose(r -> mark(order, "SETTLE_PENDING", "SETTLED", new JsonObject().put("settledAt", Timestamps.now())))
      .recover(f -> queue(order, "settle", f));
  }

  /** Refunds a cancelled or rejected paid order; answers it with paymentStatus REFUNDED, or REFUND_PENDING (queued). */
  Future<JsonObject> refund(JsonObject order, String reason) {
    return wallet.refund(order, reason == null ? "Order cancelled" : reason)
      .compose(r -> mark(order, "REFUND_PENDING", "REFUNDED", new JsonObject().put("refundAmount", order.getLong("total"))
        .put("refundedAt", Timestamps.now())))
      .recover(f -> queue(order, "refund", f));
  }

  private Future<JsonObject> mark(JsonObject order, String from, String to, JsonObject extra) {
    return store.update(order.getString("orderId"), extra.put("paymentStatus", to), "paymentStatus IN (:from, :to)",
      Map.of(":from", from, ":to", to), ErrorCode.CONFLICT);
  }

  private Future<JsonObject> queue(JsonObject order, String what, Throwable failure) {
    LOG.warn("wallet {} of {} failed ({}); queued for retry", what, order.getString("orderId"), failure.getMessage());
    long due = System.currentTimeMillis() + RETRY_DELAY_MS;
    return redis.zadd(List.of(RETRY_KEY, String.valueOf(due), order.getString("orderId")))
      .otherwise(f -> null).map(order);
  }

  /** Retries what is due: claims each order with ZREM (one claimer wins), then settles or refunds it again. */
  Future<Void> retryDue() {
    return redis.zrangebyscore(List.of(RETRY_KEY, "-inf", String.valueOf(System.currentTimeMillis()), "LIMIT", "0", "20"))
      .compose(due -> {
        Future<Void> chain = Future.succeededFuture();
        for (var member : due) {
          String orderId = member.toString();
          chain = chain.compose(v -> redis.zrem(List.of(RETRY_KEY, orderId)).compose(removed ->
            removed.toInteger() == 1 ? retry(orderId) : Future.succeededFuture()));
        }
        return chain;
      });
  }

  private Future<Void> retry(String orderId) {
    return store.find(orderId).compose(order -> {
      if (order == null) {
        return Future.succeededFuture();
      }
      return switch (order.getString("paymentStatus", "")) {
        case "SETTLE_PENDING" -> settle(order).mapEmpty();
        case "REFUND_PENDING" -> refund(order, order.getString("cancelReason")).mapEmpty();
        default -> Future.succeededFuture();
      };
    }).<Void>mapEmpty().otherwise(f -> null);
  }
}
