package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CASH orders whose settlement the wallet refuses because the rider's collected cash would pass the cash limit.
 * Such an order is not retried: one transaction marks it {@code settlement: BLOCKED_CASH_LIMIT}, adds it to the
 * rider's {@code blockedSettlements} (dispatch skips the rider) and marks its SETTLE follow-up blocked (listed by
 * {@code GET /api/v1/ops/stuck}). After a cash deposit, {@link #release} settles the rider's blocked orders and clears all three in one transaction each.
 */
final class CashSettlements {

  static final String BLOCKED = "BLOCKED_CASH_LIMIT";
  static final String KIND = "SETTLEMENT_BLOCKED";

  private final Dynamo dynamo;
  private final OrderStore store;
  private final WalletClient wallet;
  private final FollowUps followUps;

  CashSettlements(Dynamo dynamo, OrderStore store, WalletClient wallet, FollowUps followUps) {
    this.dynamo = dynamo;
    this.store = store;
    this.wallet = wallet;
    this.followUps = followUps;
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
    TransactWriteItem listed = followUps.blockedItem(OrderFollowUps.SETTLE, orderId, "rider " + riderId
      + " is over the cash limit: record a cash deposit (POST /api/v1/riders/{riderId}/cash-deposits)");
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
    TransactWriteItem unlisted = followUps.doneItem(OrderFollowUps.SETTLE, orderId);
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(settled, rider, unlisted))).mapEmpty();
  }
}
