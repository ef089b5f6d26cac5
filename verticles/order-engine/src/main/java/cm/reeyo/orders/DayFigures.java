package cm.reeyo.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard figures of one UTC day (or one shard of it): orders created that day by their current status, how
 * many, and for those delivered the number and summed time from placement to delivery. Built either from counter
 * items ({@link #plus(JsonObject)}) or from the orders themselves ({@link #count(JsonObject)}); both use the same
 * fields, so a recount compares field by field with the counters.
 */
final class DayFigures {

  static final String TOTAL = "total";
  static final String DELIVERED_COUNT = "deliveredCount";
  static final String DELIVERY_MILLIS = "deliveryMillis";

  private final Map<String, Long> fields = new LinkedHashMap<>();

  DayFigures() {
    OrderStats.STATUSES.forEach(s -> fields.put(s, 0L));
    fields.put(TOTAL, 0L);
    fields.put(DELIVERED_COUNT, 0L);
    fields.put(DELIVERY_MILLIS, 0L);
  }

  /** Adds a counter item's numbers (keys other than figures, such as {@code day}, {@code shard}, {@code version}, are ignored). */
  DayFigures plus(JsonObject counterItem) {
    fields.keySet().forEach(f -> add(f, counterItem.getLong(f, 0L)));
    counterItem.fieldNames().stream().filter(DayFigures::isStatusName).forEach(f -> fields.putIfAbsent(f, counterItem.getLong(f)));
    return this;
  }

  /** Counts one order as it stands (status, and its delivery time when delivered). */
  DayFigures count(JsonObject order) {
    add(order.getString("status", "UNKNOWN"), 1);
    add(TOTAL, 1);
    Long millis = deliveryMillis(order, order.getString("deliveredAt"));
    if (Lifecycle.DELIVERED.equals(order.getString("status")) && millis != null) {
      add(DELIVERED_COUNT, 1);
      add(DELIVERY_MILLIS, millis);
    }
    return this;
  }

  void add(String field, long by) {
    fields.merge(field, by, Long::sum);
  }

  long get(String field) {
    return fields.getOrDefault(field, 0L);
  }

  Map<String, Long> fields() {
    return fields;
  }

  /** The answer of {@code orders.v1.stats} without {@code ridersOnline}. */
  JsonObject toJson(String day) {
    JsonObject byStatus = new JsonObject();
    fields.forEach((k, v) -> {
      if (isStatusName(k)) {
        byStatus.put(k, v);
      }
    });
    long delivered = get(DELIVERED_COUNT);
    Double average = delivered == 0 ? null : Math.round(get(DELIVERY_MILLIS) / (double) delivered / 6_000.0) / 10.0;
    return new JsonObject().put("date", day).put("ordersToday", byStatus).put("ordersTotal", get(TOTAL))
      .put("deliveredCount", delivered).put("averageDeliveryMinutes", average);
  }

  /**
   * Milliseconds from placement (the timeline's first PENDING entry, else {@code createdAt}) to {@code deliveredAt};
   * null when either is missing or they are out of order.
   */
  static Long deliveryMillis(JsonObject order, String deliveredAt) {
    Instant placed = placedAt(order);
    if (placed == null || deliveredAt == null) {
      return null;
    }
    Instant done = Instant.parse(deliveredAt);
    return done.isBefore(placed) ? null : Duration.between(placed, done).toMillis();
  }

  private static Instant placedAt(JsonObject order) {
    JsonArray timeline = order.getJsonArray("timeline", new JsonArray());
    for (int i = 0; i < timeline.size(); i++) {
      if (timeline.getValue(i) instanceof JsonObject e && Lifecycle.PENDING.equals(e.getString("status")) && e.getString("at") != null) {
        return Instant.parse(e.getString("at"));
      }
    }
    String created = order.getString("createdAt");
    return created == null ? null : Instant.parse(created);
  }

  static boolean isStatusName(String field) {
    return !field.isEmpty() && field.chars().allMatch(c -> c == '_' || (c >= 'A' && c <= 'Z'));
  }
}
