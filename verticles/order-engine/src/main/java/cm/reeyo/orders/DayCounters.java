package cm.reeyo.orders;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The dashboard's durable daily rollup: per UTC day (the order's {@code createdDay}) {@value #SHARDS} counter items in
 * {@code order-stats} ({@code day}, {@code shard}), one per slice of the orders (by a hash of the orderId, so one order
 * always counts on the same item and a hot day spreads over several keys). Each status change adds −1 to the old
 * status and +1 to the new one on the order's item, in the same DynamoDB transaction as the change itself
 * ({@link #moved}); every counter write also adds 1 to the item's {@code version}, which the repair job uses to
 * notice writes that raced its recount. Reading a day is one Query of at most {@value #SHARDS} items.
 */
final class DayCounters {

  static final int SHARDS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(DayCounters.class);

  private final Dynamo dynamo;
  private final String table;

  DayCounters(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(OrderTables.ORDER_STATS);
  }

  /** What one change adds to one counter item. */
  record Delta(String day, int shard, Map<String, Long> adds) {
  }

  /** A new order: +1 on its status and on the day's total. */
  static Delta placed(JsonObject order) {
    Map<String, Long> adds = new LinkedHashMap<>();
    adds.put(order.getString("status"), 1L);
    adds.put(DayFigures.TOTAL, 1L);
    return new Delta(order.getString("createdDay"), shardOf(order.getString("orderId")), adds);
  }

  /** {@code order} (as read before the change) moves to {@code to} with {@code fields} set. */
  static Delta moved(JsonObject order, String to, JsonObject fields) {
    Map<String, Long> adds = new LinkedHashMap<>();
    adds.put(order.getString("status"), -1L);
    adds.merge(to, 1L, Long::sum);
    if (Lifecycle.DELIVERED.equals(to)) {
      Long millis = DayFigures.deliveryMillis(order, fields.getString("deliveredAt"));
      if (millis != null) {
        adds.put(DayFigures.DELIVERED_COUNT, 1L);
        adds.put(DayFigures.DELIVERY_MILLIS, millis);
      }
    }
    return new Delta(order.getString("createdDay"), shardOf(order.getString("orderId")), adds);
  }

  /** The delta as an action of the transaction that makes the change. */
  TransactWriteItem write(Delta delta) {
    Update.Builder u = Update.builder().tableName(table).key(key(delta.day(), delta.shard()));
    expression(delta, (expression, names, values) -> u.updateExpression(expression).expressionAttributeNames(names)
      .expressionAttributeValues(values));
    return TransactWriteItem.builder().update(u.build()).build();
  }

  /**
   * The delta alone (one UpdateItem), for a change written by someone else's transaction (a WALLET order, created in
   * the wallet engine's payment transaction). A failure is logged: the repair job's recount puts it right.
   */
  Future<Void> apply(Delta delta) {
    return dynamo.call(c -> c.updateItem(b -> {
      b.tableName(table).key(key(delta.day(), delta.shard()));
      expression(delta, (expression, names, values) -> b.updateExpression(expression).expressionAttributeNames(names)
        .expressionAttributeValues(values));
    })).<Void>mapEmpty().onFailure(f -> LOG.warn("day counters of {} not updated (repair recounts): {}", delta.day(), f.toString()));
  }

  /** The day's figures: the sum of its counter items (one Query, consistent). */
  Future<DayFigures> day(String day) {
    return dynamo.call(c -> c.query(b -> b.tableName(table).keyConditionExpression("#d = :d")
        .expressionAttributeNames(Map.of("#d", "day")).expressionAttributeValues(Map.of(":d", Items.s(day)))
        .consistentRead(true)))
      .map(r -> {
        DayFigures figures = new DayFigures();
        r.items().forEach(i -> figures.plus(Items.toJson(i)));
        return figures;
      });
  }

  Map<String, AttributeValue> key(String day, int shard) {
    return Map.of("day", Items.s(day), "shard", Items.n(shard));
  }

  String table() {
    return table;
  }

  static int shardOf(String orderId) {
    CRC32 crc = new CRC32();
    crc.update(orderId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % SHARDS);
  }

  private interface ExpressionSink {
    void accept(String expression, Map<String, String> names, Map<String, AttributeValue> values);
  }

  private static void expression(Delta delta, ExpressionSink sink) {
    Map<String, String> names = new HashMap<>(Map.of("#version", "version"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Items.n(1)));
    StringBuilder add = new StringBuilder("ADD #version :one");
    int n = 0;
    for (Map.Entry<String, Long> e : delta.adds().entrySet()) {
      if (e.getValue() != 0) {
        names.put("#f" + n, e.getKey());
        values.put(":v" + n, Items.n(e.getValue()));
        add.append(", #f").append(n).append(" :v").append(n);
        n++;
      }
    }
    sink.accept(add.toString(), names, values);
  }
}
