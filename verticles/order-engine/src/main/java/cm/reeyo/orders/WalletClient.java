package cm.reeyo.orders;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The wallet engine as the order engine uses it (contracts in {@link WalletAddresses}, timeouts from them):
 * pay-order (debit into escrow AND put the order in one transaction), settle-order, refund-order, collect-order.
 * Settle and refund are idempotent by orderId on the wallet side, so they can be retried freely.
 */
final class WalletClient {

  private final BusClient bus;

  WalletClient(Vertx vertx) {
    this.bus = BusClient.of(vertx);
  }

  /** Debits the customer into escrow and creates {@code order} in the same transaction: {@code {transferId, balanceAfter}}. */
  Future<JsonObject> payAndCreate(JsonObject order, String idempotencyKey) {
    return request(WalletAddresses.PAY_ORDER, new JsonObject().put("orderId", order.getString("orderId"))
      .put("userId", order.getString("userId")).put("amount", order.getLong("total"))
      .put("idempotencyKey", idempotencyKey).put("orderItem", order));
  }

  Future<JsonObject> settle(JsonObject order) {
    return request(WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", order.getString("orderId"))
      .put("userId", order.getString("userId")).put("vendorId", order.getString("vendorId"))
      .put("riderId", order.getString("riderId")).put("subtotal", order.getLong("subtotal"))
      .put("deliveryFee", order.getLong("deliveryFee")).put("tip", order.getLong("tip", 0L))
      .put("paymentMethod", order.getString("paymentMethod")).put("discount", order.getLong("discount", 0L))
      .put("discountFundedBy", order.getJsonObject("promo") == null ? null : order.getJsonObject("promo").getString("fundedBy"))
      .put("promoCode", order.getJsonObject("promo") == null ? null : order.getJsonObject("promo").getString("code")));
  }

  /** A tip after delivery, customer wallet → rider wallet (idempotent by orderId). */
  Future<JsonObject> tip(JsonObject order, long amount) {
    return request(WalletAddresses.TIP_ORDER, new JsonObject().put("orderId", order.getString("orderId"))
      .put("userId", order.getString("userId")).put("riderId", order.getString("riderId")).put("amount", amount));
  }

  Future<JsonObject> refund(JsonObject order, String reason) {
    return request(WalletAddresses.REFUND_ORDER, new JsonObject().put("orderId", order.getString("orderId"))
      .put("userId", order.getString("userId")).put("amount", order.getLong("total")).put("reason", reason));
  }

  Future<JsonObject> collect(JsonObject order, String phone) {
    return request(WalletAddresses.COLLECT_FOR_ORDER, new JsonObject().put("orderId", order.getString("orderId"))
      .put("userId", order.getString("userId")).put("amount", order.getLong("total")).put("phone", phone));
  }

  /** {@code {riderId, balance, cashLimit, headroom}}: how much more cash the rider may collect. */
  Future<JsonObject> riderCash(String riderId) {
    return request(WalletAddresses.RIDER_CASH, new JsonObject().put("riderId", riderId));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return bus.request(address, body);
  }
}
