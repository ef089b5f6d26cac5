package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a placement takes before its order is created (a promo use, counted stock), in ONE transaction with a hold
 * record {@code (orderId) → {userId, vendorId, promoCode?, stock: {itemId: quantity}, state: HELD}}: every counter is a
 * conditional update, so the last use or the last item cannot be taken twice. The order's creation depends on it: a
 * creation that fails (and left no order) is compensated by {@link #undo} (all back, the hold deleted, so a retry with
 * the same Idempotency-Key may take it again). A cancelled or rejected order gives back through {@link #giveBack}: the
 * hold goes HELD → RELEASED in the same transaction as the counters, so it happens once whatever the retries.
 */
final class Holds {

  private static final Logger LOG = LoggerFactory.getLogger(Holds.class);

  private final Vertx vertx;
  private final Dynamo dynamo;
  private final Stock stock;
  private final PromoRedemption promos;
  private final OrderFollowUps followUps;

  Holds(Vertx vertx, Dynamo dynamo, Stock stock, PromoRedemption promos, OrderFollowUps followUps) {
    this.vertx = vertx;
    this.followUps = followUps;
    this.dynamo = dynamo;
    this.stock = stock;
    this.promos = promos;
  }

  /** True when the order's placement must take something (it then carries {@code held: true}). */
  static boolean needed(JsonObject order, Map<String, Long> counted) {
    return order.getJsonObject("promo") != null || !counted.isEmpty();
  }

  /** Takes the promo use and the counted stock of {@code order}; CONFLICT / ITEM_UNAVAILABLE / PROMO_NOT_APPLICABLE. */
  Future<Void> take(JsonObject order, Map<String, Long> counted, long perCustomerLimit) {
    String orderId = order.getString("orderId");
    String vendorId = order.getString("vendorId");
    JsonObject promo = order.getJsonObject("promo");
    JsonObject quantities = new JsonObject();
    counted.forEach(quantities::put);
    JsonObject hold = new JsonObject().put("orderId", orderId).put("userId", order.getString("userId"))
      .put("vendorId", vendorId).put("stock", quantities).put("state", "HELD").put("createdAt", Timestamps.now());
    List<TransactWriteItem> writes = new ArrayList<>();
    List<RuntimeException> meanings = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(OrderTables.ORDER_HOLDS))
      .item(Items.toItem(promo == null ? hold : hold.copy().put("promoCode", promo.getString("code"))))
      .conditionExpression("attribute_not_exists(orderId)").build()).build());
    meanings.add(ErrorCode.CONFLICT.exception("The order is being placed; try again"));
    String today = Stock.today(java.time.Instant.now());
    counted.forEach((itemId, qty) -> {
      writes.add(stock.take(vendorId, itemId, qty, today));
      meanings.add(ErrorCode.ITEM_UNAVAILABLE.exception("Item " + itemId + " is sold out (or fewer than " + qty + " left)"));
    });
    if (promo != null) {
      writes.addAll(promos.take(promo.getString("code"), order.getString("userId"), perCustomerLimit));
      meanings.add(ErrorCode.PROMO_NOT_APPLICABLE.exception("This promo code has been fully used"));
      meanings.add(ErrorCode.PROMO_NOT_APPLICABLE.exception("You have already used this promo code"));
    }
    writes.add(followUps.hold(orderId));
    return Transactions.write(vertx, dynamo, writes)
      .recover(f -> Future.failedFuture(explained(f, meanings)))
      .compose(v -> counted.isEmpty() ? Future.succeededFuture() : stock.menuChanged(vendorId));
  }

  /** A creation that failed without an order: everything back and the hold deleted. */
  Future<Void> undo(String orderId) {
    return release(orderId, true, true).compose(v -> settled(orderId));
  }

  /** The order of a hold exists: the hold's follow-up is not needed any more (the sweeper would only find it so). */
  Future<Void> created(String orderId) {
    return settled(orderId).otherwiseEmpty();
  }

  /** A cancelled or rejected {@code order} that held something: stock back, the promo use back unless picked up. Once. */
  Future<Void> giveBack(JsonObject order) {
    if (!order.getBoolean("held", false)) {
      return Future.succeededFuture();
    }
    String orderId = order.getString("orderId");
    return release(orderId, false, order.getString("pickedUpAt") == null).compose(v -> settled(orderId))
      .onFailure(f -> LOG.warn("give-back of order {} failed (the sweeper retries): {}", orderId, f.getMessage()));
  }

  /**
   * The sweeper's turn on a hold follow-up: no order came of the placement (its node died between the hold and the
   * creation) → everything back; the order was cancelled or rejected → the give-back, if not done yet; else nothing.
   */
  Future<Void> redrive(JsonObject order, String orderId) {
    if (order == null) {
      return undo(orderId);
    }
    String status = order.getString("status");
    return Lifecycle.CANCELLED.equals(status) || Lifecycle.REJECTED.equals(status) ? giveBack(order) : settled(orderId);
  }

  private Future<Void> settled(String orderId) {
    return followUps.store().done(OrderFollowUps.HOLD, orderId);
  }

  private Future<Void> release(String orderId, boolean delete, boolean promoBack) {
    Map<String, AttributeValue> key = Items.key("orderId", orderId);
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(OrderTables.ORDER_HOLDS)).key(key).consistentRead(true)))
      .compose(r -> {
        if (!r.hasItem() || r.item().isEmpty()) {
          return Future.succeededFuture();
        }
        JsonObject hold = Items.toJson(r.item());
        if (!"HELD".equals(hold.getString("state"))) {
          return Future.succeededFuture();
        }
        String vendorId = hold.getString("vendorId");
        Map<String, Long> quantities = new LinkedHashMap<>();
        hold.getJsonObject("stock", new JsonObject()).forEach(e -> quantities.put(e.getKey(), ((Number) e.getValue()).longValue()));
        Map<String, AttributeValue> held = Map.of(":held", Items.s("HELD"));
        TransactWriteItem closing = delete
          ? TransactWriteItem.builder().delete(Delete.builder().tableName(dynamo.table(OrderTables.ORDER_HOLDS)).key(key)
            .conditionExpression("#s = :held").expressionAttributeNames(Map.of("#s", "state"))
            .expressionAttributeValues(held).build()).build()
          : TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(OrderTables.ORDER_HOLDS)).key(key)
            .updateExpression("SET #s = :released, releasedAt = :now, promoReturned = :p")
            .conditionExpression("#s = :held").expressionAttributeNames(Map.of("#s", "state"))
            .expressionAttributeValues(Map.of(":held", Items.s("HELD"), ":released", Items.s("RELEASED"),
              ":now", Items.s(Timestamps.now()), ":p", AttributeValue.fromBool(promoBack))).build()).build();
        return stock.giveBack(vendorId, quantities).compose(stockWrites -> {
          List<TransactWriteItem> writes = new ArrayList<>();
          writes.add(closing);
          writes.addAll(stockWrites);
          if (promoBack && hold.getString("promoCode") != null) {
            writes.addAll(promos.giveBack(hold.getString("promoCode"), hold.getString("userId")));
          }
          return Transactions.write(vertx, dynamo, writes)
            .compose(v -> quantities.isEmpty() ? Future.succeededFuture() : stock.menuChanged(vendorId));
        });
      });
  }

  /** The meaning of the first failed condition of a cancelled hold transaction; the failure itself otherwise. */
  private static Throwable explained(Throwable failure, List<RuntimeException> meanings) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        for (int i = 0; i < reasons.size() && i < meanings.size(); i++) {
          if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
            return meanings.get(i);
          }
        }
        return ErrorCode.CONFLICT.exception("The order could not be placed now; try again");
      }
    }
    return failure;
  }
}
