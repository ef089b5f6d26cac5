package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin-started repair of a day's counters ({@link OrderAddresses#STATS_REPAIR}): reads the day's counter items,
 * recounts the day's orders from the {@code createdAt-index} ({@code createdDay}) page by page ({@value #PAGE} orders,
 * only the fields the figures need), and where a shard's counters differ from its recount, sets them to the recount
 * on condition that the item's {@code version} is still the one read before the recount. A shard whose counters
 * moved meanwhile (transitions kept happening) is left as it is and reported busy: running the job again finishes it.
 * Memory holds one page and one set of figures per shard, whatever the size of the day.
 */
final class StatsRepair {

  static final int PAGE = 500;
  private static final Logger LOG = LoggerFactory.getLogger(StatsRepair.class);

  private final Dynamo dynamo;
  private final DayCounters counters;

  StatsRepair(Dynamo dynamo, DayCounters counters) {
    this.dynamo = dynamo;
    this.counters = counters;
  }

  Future<JsonObject> run(Principal p, JsonObject body) {
    if (p.role() != Role.ADMIN) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only admins repair the dashboard"));
    }
    String day = OrderStats.day(body);
    long started = System.currentTimeMillis();
    Recount recount = new Recount();
    return shardItems(day)
      .compose(items -> page(day, null, recount).compose(v -> correct(day, items, recount)))
      .map(report -> {
        report.put("ordersScanned", recount.orders).put("pages", recount.pages)
          .put("elapsedMs", System.currentTimeMillis() - started);
        LOG.info("day counters of {} repaired: {} orders, {} corrections, busy shards {}", day, recount.orders,
          report.getInteger("correctedCount"), report.getJsonArray("busyShards"));
        return report;
      });
  }

  /** The day's counter items as they stand, by shard. */
  private Future<Map<Integer, JsonObject>> shardItems(String day) {
    return dynamo.call(c -> c.query(b -> b.tableName(counters.table()).keyConditionExpression("#d = :d")
        .expressionAttributeNames(Map.of("#d", "day")).expressionAttributeValues(Map.of(":d", Items.s(day)))
        .consistentRead(true)))
      .map(r -> {
        Map<Integer, JsonObject> byShard = new HashMap<>();
        r.items().forEach(i -> {
          JsonObject item = Items.toJson(i);
          byShard.put(item.getLong("shard").intValue(), item);
        });
        return byShard;
      });
  }

  private Future<Void> page(String day, Map<String, AttributeValue> start, Recount recount) {
    QueryRequest.Builder q = QueryRequest.builder().tableName(dynamo.table(CoreTables.ORDERS)).indexName("createdAt-index")
      .keyConditionExpression("createdDay = :d").expressionAttributeValues(Map.of(":d", Items.s(day)))
      .projectionExpression("orderId, #s, createdAt, deliveredAt, timeline").expressionAttributeNames(Map.of("#s", "status"))
      .limit(PAGE);
    if (start != null) {
      q.exclusiveStartKey(start);
    }
    QueryRequest request = q.build();
    return dynamo.call(c -> c.query(request)).compose(r -> {
      recount.pages++;
      r.items().forEach(item -> recount.add(Items.toJson(item)));
      return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
        ? page(day, r.lastEvaluatedKey(), recount) : Future.succeededFuture();
    });
  }

  private Future<JsonObject> correct(String day, Map<Integer, JsonObject> items, Recount recount) {
    JsonArray corrected = new JsonArray();
    JsonArray busy = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (int shard = 0; shard < DayCounters.SHARDS; shard++) {
      int s = shard;
      JsonObject item = items.get(s);
      DayFigures counted = new DayFigures().plus(item == null ? new JsonObject() : item);
      DayFigures truth = recount.shards[s];
      JsonArray differences = differences(s, counted, truth);
      if (!differences.isEmpty()) {
        chain = chain.compose(v -> overwrite(day, s, item, truth).map(applied -> {
          if (applied) {
            corrected.addAll(differences);
          } else {
            busy.add(s);
          }
          return null;
        }));
      }
    }
    return chain.map(v -> new JsonObject().put("day", day).put("ok", busy.isEmpty()).put("correctedCount", corrected.size())
      .put("corrected", corrected).put("busyShards", busy));
  }

  private static JsonArray differences(int shard, DayFigures counted, DayFigures truth) {
    JsonArray out = new JsonArray();
    TreeSet<String> fields = new TreeSet<>(counted.fields().keySet());
    fields.addAll(truth.fields().keySet());
    for (String f : fields) {
      if (counted.get(f) != truth.get(f)) {
        out.add(new JsonObject().put("shard", shard).put("field", f).put("counted", counted.get(f)).put("recounted", truth.get(f)));
      }
    }
    return out;
  }

  /** Sets the shard's figures to the recount if its version is still the one read; false when it moved. */
  private Future<Boolean> overwrite(String day, int shard, JsonObject item, DayFigures truth) {
    Map<String, String> names = new HashMap<>(Map.of("#version", "version"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Items.n(1)));
    StringBuilder set = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, Long> e : truth.fields().entrySet()) {
      names.put("#f" + n, e.getKey());
      values.put(":v" + n, Items.n(e.getValue()));
      set.append(n == 0 ? "SET " : ", ").append("#f").append(n).append(" = :v").append(n);
      n++;
    }
    for (String stale : item == null ? Set.<String>of() : item.fieldNames()) {
      if (DayFigures.isStatusName(stale) && !truth.fields().containsKey(stale)) {
        names.put("#f" + n, stale);
        values.put(":v" + n, Items.n(0));
        set.append(", #f").append(n).append(" = :v").append(n++);
      }
    }
    String condition;
    if (item == null || item.getValue("version") == null) {
      condition = "attribute_not_exists(#version)";
    } else {
      condition = "#version = :read";
      values.put(":read", Items.n(item.getLong("version")));
    }
    String expression = set + " ADD #version :one";
    return dynamo.call(c -> c.updateItem(b -> b.tableName(counters.table()).key(counters.key(day, shard))
        .updateExpression(expression).conditionExpression(condition)
        .expressionAttributeNames(names).expressionAttributeValues(values)))
      .map(r -> true)
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(false) : Future.failedFuture(f));
  }

  /** The recount: figures per shard, nothing per order. */
  private static final class Recount {
    final DayFigures[] shards = new DayFigures[DayCounters.SHARDS];
    long orders;
    long pages;

    Recount() {
      for (int i = 0; i < shards.length; i++) {
        shards[i] = new DayFigures();
      }
    }

    void add(JsonObject order) {
      orders++;
      shards[DayCounters.shardOf(order.getString("orderId"))].count(order);
    }
  }
}
