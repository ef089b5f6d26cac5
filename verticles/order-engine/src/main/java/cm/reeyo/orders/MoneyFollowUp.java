package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Settlement and refunds after a step was written. The order record says what is owed ({@code paymentStatus}
 * SETTLE_PENDING / REFUND_PENDING) and a follow-up written with the step ({@link OrderFollowUps}) keeps it due in
 * DynamoDB: a wallet failure here leaves both, and the recovery sweeper tries again (the wallet engine is idempotent
 * by orderId), so money is never lost to a transient failure, a lost cache or a dead node. A CASH settlement refused
 * by the rider's cash limit is not retried but blocked ({@link CashSettlements}) until an admin records a deposit.
 */
final class MoneyFollowUp {

  private static final Logger LOG = LoggerFactory.getLogger(MoneyFollowUp.class);

  private final OrderStore store;
  private final WalletClient wallet;
  private final FollowUps followUps;
  private final CashSettlements cash;

  MoneyFollowUp(OrderStore store, WalletClient wallet, FollowUps followUps, CashSettlements cash) {
    this.store = store;
    this.wallet = wallet;
    this.followUps = followUps;
    this.cash = cash;
  }

  /** Settles a delivered order; answers the order with paymentStatus SETTLED, or still SETTLE_PENDING (to retry). */
  Future<JsonObject> settle(JsonObject order) {
    return wallet.settle(order)
      .compose(r -> mark(order, "SETTLE_PENDING", "SETTLED", new JsonObject().put("settledAt", Timestamps.now())))
      .compose(o -> followUps.done(OrderFollowUps.SETTLE, o.getString("orderId")).map(o))
      .onSuccess(o -> BusinessMetrics.settlement("settled"))
      .recover(f -> CashSettlements.refusedForCash(order, f) ? blocked(order) : left(order, "settle", f));
  }

  /** The rider's cash limit refuses this CASH settlement: recorded as blocked (never retried) until a cash deposit. */
  private Future<JsonObject> blocked(JsonObject order) {
    LOG.warn("settlement of CASH order {} blocked by the rider's cash limit; listed for an admin", order.getString("orderId"));
    BusinessMetrics.settlement("blocked");
    return cash.block(order);
  }

  /** Refunds a cancelled or rejected paid order; answers it with paymentStatus REFUNDED, or REFUND_PENDING (to retry). */
  Future<JsonObject> refund(JsonObject order, String reason) {
    return wallet.refund(order, reason == null ? "Order cancelled" : reason)
      .compose(r -> mark(order, "REFUND_PENDING", "REFUNDED", new JsonObject().put("refundAmount", order.getLong("total"))
        .put("refundedAt", Timestamps.now())))
      .compose(o -> followUps.done(OrderFollowUps.REFUND, o.getString("orderId")).map(o))
      .onSuccess(o -> BusinessMetrics.settlement("refunded"))
      .recover(f -> left(order, "refund", f));
  }

  private Future<JsonObject> mark(JsonObject order, String from, String to, JsonObject extra) {
    return store.update(order.getString("orderId"), extra.put("paymentStatus", to), "paymentStatus IN (:from, :to)",
      Map.of(":from", from, ":to", to), ErrorCode.CONFLICT);
  }

  private Future<JsonObject> left(JsonObject order, String what, Throwable failure) {
    LOG.warn("wallet {} of {} failed ({}); its follow-up stays due", what, order.getString("orderId"), failure.getMessage());
    BusinessMetrics.settlement(what + "-failed");
    return Future.succeededFuture(order);
  }
}
