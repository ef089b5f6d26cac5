package cm.reeyo.orders;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a delivery adds to the riders' and vendors' running figures, written as actions of the transaction that
 * delivers the order (so a crash or a Redis flush can neither lose nor double them): the rider's day in Douala
 * ({@code rider-days}: earnings and deliveries), the vendor's {@code totalOrders}. The rider's
 * {@code totalDeliveries} rides on the rider item's hold release ({@link RiderHolds#release}), since one transaction
 * may touch an item only once. The daily leaderboard is one query of the day's earnings index.
 */
final class RiderDays {

  /** Days kept before DynamoDB's TTL removes them. */
  static final long KEEP_DAYS = 90;

  private final Dynamo dynamo;
  private final String table;
  private final String vendors;

  RiderDays(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(OrderTables.RIDER_DAYS);
    this.vendors = dynamo.table(CoreTables.VENDORS);
  }

  static String today() {
    return LocalDate.now(BusinessHours.ZONE).toString();
  }

  /** The delivery's additions: the vendor's order count, and the rider's day when a rider carried it. */
  List<TransactWriteItem> delivered(JsonObject order) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(vendors)
      .key(Items.key("vendorId", order.getString("vendorId")))
      .updateExpression("ADD totalOrders :one").expressionAttributeValues(Map.of(":one", Items.n(1))).build()).build());
    String riderId = order.getString("riderId");
    if (riderId != null) {
      long expiresAt = Instant.now().getEpochSecond() + KEEP_DAYS * 86_400;
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(Map.of("day", Items.s(today()), "riderId", Items.s(riderId)))
        .updateExpression("ADD earnings :fee, deliveries :one SET expiresAt = :exp")
        .expressionAttributeValues(Map.of(":fee", Items.n(order.getLong("deliveryFee", 0L)), ":one", Items.n(1),
          ":exp", Items.n(expiresAt))).build()).build());
    }
    return writes;
  }

  /** {@code limit} → today's top riders by earnings: {@code {items:[{riderId, earnings}]}}. */
  Future<JsonObject> leaderboard(int limit) {
    return dynamo.call(c -> c.query(b -> b.tableName(table).indexName(OrderTables.DAY_EARNINGS_INDEX)
        .keyConditionExpression("#d = :d").expressionAttributeNames(Map.of("#d", "day"))
        .expressionAttributeValues(Map.of(":d", Items.s(today()))).scanIndexForward(false).limit(limit)))
      .map(r -> {
        JsonArray items = new JsonArray();
        r.items().forEach(i -> {
          JsonObject day = Items.toJson(i);
          items.add(new JsonObject().put("riderId", day.getString("riderId")).put("earnings", day.getLong("earnings")));
        });
        return new JsonObject().put("items", items);
      });
  }
}
