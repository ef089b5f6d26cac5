package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The order side of the admin dashboard ({@link OrderAddresses#STATS}): the day's orders by status through the
 * {@code createdAt-index} ({@code createdDay} = the UTC day), the average time from placement (the timeline's
 * PENDING entry) to delivery over those delivered, and the riders online now ({@code ZCARD riders:online}).
 */
final class OrderStats {

  static final List<String> STATUSES = List.of(Lifecycle.AWAITING_PAYMENT, Lifecycle.PENDING, Lifecycle.ACCEPTED,
    Lifecycle.PREPARING, Lifecycle.READY, Lifecycle.PICKED_UP, Lifecycle.DELIVERED, Lifecycle.REJECTED, Lifecycle.CANCELLED);

  private final Dynamo dynamo;
  private final RedisAPI redis;

  OrderStats(Dynamo dynamo, RedisAPI redis) {
    this.dynamo = dynamo;
    this.redis = redis;
  }

  Future<JsonObject> day(Principal p, JsonObject body) {
    if (p.role() != Role.ADMIN) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only admins read the dashboard"));
    }
    String day = body.getString("day", Ids.day(Instant.now()));
    if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("day must be YYYY-MM-DD"));
    }
    Tally tally = new Tally();
    return page(day, null, tally)
      .compose(v -> redis.zcard(RedisKeys.RIDERS_ONLINE))
      .map(online -> tally.toJson(day).put("ridersOnline", online == null ? 0L : online.toLong()));
  }

  private Future<Void> page(String day, Map<String, AttributeValue> start, Tally tally) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(CoreTables.ORDERS)).indexName("createdAt-index")
        .keyConditionExpression("createdDay = :d").expressionAttributeValues(Map.of(":d", Items.s(day)))
        .projectionExpression("#s, createdAt, deliveredAt, timeline").expressionAttributeNames(Map.of("#s", "status"))
        .exclusiveStartKey(start)))
      .compose(r -> {
        r.items().forEach(item -> tally.add(Items.toJson(item)));
        return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
          ? page(day, r.lastEvaluatedKey(), tally) : Future.succeededFuture();
      });
  }

  /** Counts by status and the delivery times of one day's orders. */
  private static final class Tally {
    private final JsonObject byStatus = new JsonObject();
    private long total;
    private long delivered;
    private long deliveryMillis;

    Tally() {
      STATUSES.forEach(s -> byStatus.put(s, 0L));
    }

    void add(JsonObject order) {
      String status = order.getString("status", "UNKNOWN");
      byStatus.put(status, byStatus.getLong(status, 0L) + 1);
      total++;
      if (Lifecycle.DELIVERED.equals(status)) {
        Instant placed = at(order, Lifecycle.PENDING, order.getString("createdAt"));
        Instant done = at(order, Lifecycle.DELIVERED, order.getString("deliveredAt"));
        if (placed != null && done != null && !done.isBefore(placed)) {
          delivered++;
          deliveryMillis += Duration.between(placed, done).toMillis();
        }
      }
    }

    JsonObject toJson(String day) {
      Double average = delivered == 0 ? null : Math.round(deliveryMillis / (double) delivered / 6_000.0) / 10.0;
      return new JsonObject().put("date", day).put("ordersToday", byStatus).put("ordersTotal", total)
        .put("deliveredCount", delivered).put("averageDeliveryMinutes", average);
    }

    /** When the order's timeline first reached {@code status}; {@code fallback} when it has no such entry. */
    private static Instant at(JsonObject order, String status, String fallback) {
      JsonArray timeline = order.getJsonArray("timeline", new JsonArray());
      for (int i = 0; i < timeline.size(); i++) {
        if (timeline.getValue(i) instanceof JsonObject e && status.equals(e.getString("status")) && e.getString("at") != null) {
          return Instant.parse(e.getString("at"));
        }
      }
      return fallback == null ? null : Instant.parse(fallback);
    }
  }
}
