package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CASH orders whose settlement the wallet refuses because the rider's collected cash would pass the cash limit.
 * Such an order is not retried: one transaction marks it {@code settlement: BLOCKED_CASH_LIMIT}, adds it to the
 * rider's {@code blockedSettlements} (dispatch skips the rider) and records it in the stuck list. After a cash
 * deposit, {@link #release} settles the rider's blocked orders and clears all three in one transaction each.
 */
final class CashSettlements {

  static final String BLOCKED = "BLOCKED_CASH_LIMIT";
  static final String KIND = "SETTLEMENT_BLOCKED";

  private final Dynamo dynamo;
  private final OrderStore store;
  private final WalletClient wallet;

  CashSettlements(Dynamo dynamo, OrderStore store, WalletClient wallet) {
    this.dynamo = dynamo;
    this.store = store;
    this.wallet = wallet;
  }

  static boolean refusedForCash(JsonObject order, Throwable failure) {
    return "CASH".equals(order.getString("paymentMethod")) && ErrorCode.INSUFFICIENT_FUNDS.matches(failure);
  }

  /** Marks a delivered CASH order blocked (once); answers the order as stored. */
  Future<JsonObject> block(JsonObject order) {
    String orderId = order.getString("orderId");
    String riderId = order.getString("riderId");
    String now = Instant.now().toString();
    TransactWriteItem mark = TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(CoreTables.ORDERS))
      .key(Items.key("orderId", orderId)).updateExpression("SET settlement = :b, settlementBlockedAt = :now")
      .conditionExpression("paymentStatus = :pending AND attribute_not_exists(settlement)")
      .expressionAttributeValues(Map.of(":b", Items.s(BLOCKED), ":now", Items.s(now), ":pending", Items.s("SETTLE_PENDING")))
      .build()).build();
    TransactWriteItem rider = TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(CoreTables.RIDERS))
      .key(Items.key("riderId", riderId)).updateExpression("ADD blockedSettlements :o")
      .expressionAttributeValues(Map.of(":o", AttributeValue.fromSs(List.of(orderId)))).build()).build();
    JsonObject stuck = new JsonObject().put("stuckId", stuckId(orderId)).put("kind", KIND).put("reason", BLOCKED)
      .put("orderId", orderId).put("riderId", riderId).put("amount", order.getLong("total")).put("since", now);
    TransactWriteItem listed = TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(OrderTables.STUCK))
      .item(Items.toItem(stuck)).build()).build();
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(mark, rider, listed)))
      .compose(v -> store.get(orderId), f -> store.get(orderId));
  }

  /** ADMIN; {@code {riderId}} → {@code {riderId, settled: [orderId], stillBlocked: [orderId]}}, oldest attempt first. */
  Future<JsonObject> release(Principal p, JsonObject body) {
    if (p.role() != Role.ADMIN) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only admins release blocked settlements"));
    }
    String riderId = Requests.requiredString(body, "riderId");
    JsonObject out = new JsonObject().put("riderId", riderId).put("settled", new JsonArray()).put("stillBlocked", new JsonArray());
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.RIDERS)).key(Items.key("riderId", riderId))
        .consistentRead(true)))
      .compose(r -> {
        List<String> orderIds = r.hasItem() && r.item().containsKey("blockedSettlements")
          ? r.item().get("blockedSettlements").ss() : List.of();
        Future<Void> chain = Future.succeededFuture();
        for (String orderId : orderIds) {
          chain = chain.compose(v -> settleOne(orderId, riderId)).map(settled -> {
            out.getJsonArray(settled ? "settled" : "stillBlocked").add(orderId);
            return null;
          });
        }
        return chain.map(out);
      });
  }

  private Future<Boolean> settleOne(String orderId, String riderId) {
    return store.get(orderId).compose(order -> wallet.settle(order)
      .compose(r -> cleared(order, riderId).map(true))
      .recover(f -> refusedForCash(order, f) ? Future.succeededFuture(false) : Future.failedFuture(f)));
  }

  private Future<Void> cleared(JsonObject order, String riderId) {
    String orderId = order.getString("orderId");
    TransactWriteItem settled = TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(CoreTables.ORDERS))
      .key(Items.key("orderId", orderId)).updateExpression("SET paymentStatus = :s, settledAt = :now REMOVE settlement")
      .conditionExpression("paymentStatus IN (:pending, :s)")
      .expressionAttributeValues(Map.of(":s", Items.s("SETTLED"), ":pending", Items.s("SETTLE_PENDING"),
        ":now", Items.s(Instant.now().toString()))).build()).build();
    TransactWriteItem rider = TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(CoreTables.RIDERS))
      .key(Items.key("riderId", riderId)).updateExpression("DELETE blockedSettlements :o")
      .expressionAttributeValues(Map.of(":o", AttributeValue.fromSs(List.of(orderId)))).build()).build();
    TransactWriteItem unlisted = TransactWriteItem.builder().delete(Delete.builder().tableName(dynamo.table(OrderTables.STUCK))
      .key(Items.key("stuckId", stuckId(orderId))).build()).build();
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(settled, rider, unlisted))).mapEmpty();
  }

  /** ADMIN; {@code {limit?, cursor?}} → {@code {items: [{stuckId, kind, reason, orderId, riderId, amount, since}], nextCursor}}. */
  Future<JsonObject> stuck(Principal p, JsonObject body) {
    if (p.role() != Role.ADMIN) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only admins see stuck work"));
    }
    Map<String, AttributeValue> start;
    try {
      start = Cursors.decode(body.getString("cursor"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("cursor is not valid"));
    }
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(OrderTables.STUCK)).consistentRead(true)
        .limit(Requests.limit(body)).exclusiveStartKey(start)))
      .map(r -> {
        List<JsonObject> items = new ArrayList<>();
        r.items().forEach(i -> items.add(Items.toJson(i)));
        items.sort((a, b) -> a.getString("since", "").compareTo(b.getString("since", "")));
        return new JsonObject().put("items", new JsonArray(items)).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
      });
  }

  static String stuckId(String orderId) {
    return "settlement#" + orderId;
  }
}
