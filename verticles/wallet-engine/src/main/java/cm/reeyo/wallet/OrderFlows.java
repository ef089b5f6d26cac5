package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The money side of an order: payment from the wallet into escrow (optionally in the same transaction as the
 * order's creation), settlement on delivery (escrow, or the rider's collected cash, to vendor, rider and platform; a
 * tip given at placement goes to the rider in full; a promo discount is settled by {@link Discount}), a tip after
 * delivery, and refund on cancellation. Bodies are described on {@link cm.reeyo.contracts.WalletAddresses}.
 */
final class OrderFlows {

  private final Ledger ledger;
  private final Dynamo dynamo;
  private final WalletConfig config;
  private final Clock clock;

  OrderFlows(Ledger ledger, Dynamo dynamo, WalletConfig config, Clock clock) {
    this.ledger = ledger;
    this.dynamo = dynamo;
    this.config = config;
    this.clock = clock;
  }

  Future<JsonObject> pay(JsonObject body) {
    String orderId = Fields.text(body, "orderId");
    String userId = Fields.text(body, "userId");
    long amount = Fields.amount(body, "amount", 1);
    Account escrow = Account.escrowFor(orderId, config.escrowShards());
    JsonObject request = new JsonObject().put("orderId", orderId).put("userId", userId).put("amount", amount);
    Transfer t = Transfer.of(Markers.paid(orderId), "ORDER_PAYMENT", orderId, request)
      .leg(Leg.debit(Account.owner(userId, Role.USER.name()), amount, "Order payment"))
      .leg(Leg.credit(escrow, amount, "Order payment held in escrow"))
      .result("orderId", orderId).result("userId", userId).result("amount", amount).result("method", "WALLET")
      .result("escrowWalletId", escrow.walletId())
      .actor(userId, Role.USER.name());
    JsonObject order = body.getJsonObject("orderItem");
    if (order != null) {
      String table = body.getString("orderTable", CoreTables.ORDERS);
      if (!CoreTables.ORDERS.equals(table) || !orderId.equals(order.getString("orderId"))) {
        throw ErrorCode.VALIDATION_FAILED.exception("orderItem must be the orders record of orderId");
      }
      t.extra("The order already exists", TransactWriteItem.builder().put(Put.builder()
        .tableName(dynamo.table(CoreTables.ORDERS)).item(Items.toItem(order))
        .conditionExpression("attribute_not_exists(orderId)").build()).build(), ErrorCode.ALREADY_EXISTS);
    }
    return ledger.execute(t);
  }

  Future<JsonObject> settle(JsonObject body) {
    String orderId = Fields.text(body, "orderId");
    String method = Fields.text(body, "paymentMethod");
    long subtotal = Fields.amount(body, "subtotal", 0);
    long deliveryFee = Fields.amount(body, "deliveryFee", 0);
    String vendorId = Fields.text(body, "vendorId");
    String riderId = Fields.text(body, "riderId");
    long tip = body.getValue("tip") == null ? 0 : Fields.amount(body, "tip", 0);
    Discount discount = Discount.of(body, subtotal);
    long total = subtotal + deliveryFee + tip - discount.amount();
    long commission = Money.commission(discount.commissionedSubtotal(subtotal), config.commissionRate());
    long vendorAmount = discount.commissionedSubtotal(subtotal) - commission;
    JsonObject request = new JsonObject().put("orderId", orderId).put("paymentMethod", method)
      .put("subtotal", subtotal).put("deliveryFee", deliveryFee).put("vendorId", vendorId).put("riderId", riderId);
    if (tip > 0) {
      request.put("tip", tip);
    }
    discount.describe(request);
    Instant now = clock.instant();
    Transfer t = Transfer.of("settle#" + orderId, "ORDER_SETTLEMENT", orderId, request)
      .result("orderId", orderId).result("total", total).result("commission", commission)
      .result("vendorAmount", vendorAmount).result("riderAmount", deliveryFee + tip).result("paymentMethod", method)
      .result("discount", discount.amount());
    Supplier<Future<Void>> source;
    if ("CASH".equals(method)) {
      Account rider = Account.owner(riderId, Role.RIDER.name(), -config.riderCashLimit());
      move(t, -1, rider, total, "Cash collected for order");
      move(t, 1, rider, deliveryFee, "Delivery fee");
      move(t, 1, rider, tip, "Tip");
      source = Future::succeededFuture;
    } else if ("WALLET".equals(method) || "MOBILE_MONEY".equals(method)) {
      source = () -> paidInto(orderId).compose(paid -> {
        if (paid.getLong("amount") != total) {
          return Future.failedFuture(ErrorCode.UNPROCESSABLE.exception(
            "The order was paid " + paid.getLong("amount") + " XAF, not " + total));
        }
        move(t, -1, Account.escrow(paid.getString("escrowWalletId")), total, "Order settlement");
        move(t, 1, Account.owner(riderId, Role.RIDER.name()), deliveryFee, "Delivery fee");
        move(t, 1, Account.owner(riderId, Role.RIDER.name()), tip, "Tip");
        return Future.succeededFuture();
      });
    } else {
      throw ErrorCode.VALIDATION_FAILED.exception("paymentMethod must be WALLET, MOBILE_MONEY or CASH");
    }
    return closing(t, orderId, now, () -> source.get().map(v -> {
      move(t, 1, Account.owner(vendorId, Role.VENDOR.name()), vendorAmount, "Order payment");
      move(t, 1, Account.revenueFor(orderId, config.revenueShards()), commission,
        "Commission (" + Money.percent(config.commissionRate()) + ")");
      if (discount.platformFunded()) {
        move(t, -1, Account.promotions(), discount.amount(), "Promo " + discount.code() + " (platform-funded)");
      }
      return null;
    }));
  }

  /**
   * A tip after delivery (key {@code tip#<orderId>}: one per order, a repeat replays): from the customer's wallet
   * straight to the rider's, 100 %, no commission. INSUFFICIENT_FUNDS when the wallet cannot cover it.
   */
  Future<JsonObject> tip(JsonObject body) {
    String orderId = Fields.text(body, "orderId");
    String userId = Fields.text(body, "userId");
    String riderId = Fields.text(body, "riderId");
    long amount = Fields.amount(body, "amount", 1);
    JsonObject request = new JsonObject().put("orderId", orderId).put("userId", userId).put("riderId", riderId)
      .put("amount", amount);
    Transfer t = Transfer.of("tip#" + orderId, "ORDER_TIP", orderId, request)
      .leg(Leg.debit(Account.owner(userId, Role.USER.name()), amount, "Tip for the rider"))
      .leg(Leg.credit(Account.owner(riderId, Role.RIDER.name()), amount, "Tip"))
      .result("orderId", orderId).result("amount", amount).result("riderId", riderId)
      .actor(userId, Role.USER.name());
    return ledger.execute(t);
  }

  Future<JsonObject> refund(JsonObject body) {
    String orderId = Fields.text(body, "orderId");
    long amount = Fields.amount(body, "amount", 0);
    JsonObject request = new JsonObject().put("orderId", orderId).put("amount", amount);
    Instant now = clock.instant();
    Transfer t = Transfer.of("refund#" + orderId, "ORDER_REFUND", orderId, request)
      .result("orderId", orderId).result("refunded", amount);
    return closing(t, orderId, now, () -> ledger.committed(Markers.paid(orderId)).compose(record -> {
      if (record == null) {
        t.result("paid", 0L);
        return amount > 0
          ? Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("Nothing was paid for this order"))
          : Future.succeededFuture();
      }
      JsonObject paid = new JsonObject(record.getString("result"));
      long paidAmount = paid.getLong("amount");
      if (amount > paidAmount) {
        return Future.failedFuture(ErrorCode.OUT_OF_RANGE.exception("The refund exceeds the " + paidAmount + " XAF paid"));
      }
      t.result("paid", paidAmount).result("userId", paid.getString("userId"));
      t.leg(Leg.debit(Account.escrow(paid.getString("escrowWalletId")), paidAmount, "Order cancelled"));
      move(t, 1, Account.owner(paid.getString("userId"), Role.USER.name()), amount, "Refund");
      move(t, 1, Account.revenueFor(orderId, config.revenueShards()), paidAmount - amount, "Cancellation fee");
      return Future.succeededFuture();
    }));
  }

  /**
   * Settlement and refund both close the order: a repeat of the same key replays (or is refused as a reuse) before
   * anything else is looked at, an order already closed by the other flow fails ALREADY_SETTLED, and the
   * {@code close#} marker in the transaction keeps that true under races.
   */
  private Future<JsonObject> closing(Transfer t, String orderId, Instant now, Supplier<Future<Void>> prepare) {
    return ledger.committed(t.key()).compose(own -> {
      if (own != null) {
        return ledger.execute(t);
      }
      return ledger.committed(Markers.close(orderId)).compose(closed -> closed != null
        ? Future.failedFuture(ErrorCode.ALREADY_SETTLED.exception("The order is already settled or refunded"))
        : prepare.get().compose(v -> ledger.execute(Markers.closeOrder(dynamo, t, orderId, now))));
    });
  }

  /** What the order's payment put into escrow: {@code amount}, {@code escrowWalletId}, {@code userId}. */
  private Future<JsonObject> paidInto(String orderId) {
    return ledger.committed(Markers.paid(orderId)).compose(record -> record == null
      ? Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("The order has not been paid"))
      : Future.succeededFuture(new JsonObject(record.getString("result"))));
  }

  /** Adds {@code sign × amount} on {@code account} unless the amount is zero (no empty entries). */
  private static void move(Transfer t, int sign, Account account, long amount, String description) {
    if (amount > 0) {
      t.leg(new Leg(account, sign * amount, description));
    }
  }
}
