package cm.reeyo.storage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Work that must follow a step already written (settle a delivered order, refund a cancelled one, dispatch an
 * accepted one, ...): the system of record for pending work. A follow-up is written in the SAME transaction as the
 * state change that makes it due ({@link #putItem}), re-driven by a recovery sweeper until the work is done
 * ({@link #due}), then deleted ({@link #done}). Items are spread over {@link #SHARDS} shards of the
 * {@code due-index} (shard, due) so that reading what is due reads only due items, never the table.
 * <p>Item: {@code followUpId = <kind>#<ref>}, {@code kind}, {@code ref}, {@code shard}, {@code due} (epoch ms),
 * {@code createdAt} (epoch ms), {@code attempts}, {@code lastError}, {@code blocked} (true: waits for a human).
 */
public final class FollowUps {

  public static final String DUE_INDEX = "due-index";
  public static final int SHARDS = 4;
  /** A blocked follow-up is looked at again after this long (its blocking cause may have gone). */
  public static final long BLOCKED_RECHECK_MS = 3_600_000;
  /** The engines that own follow-ups; each re-drives only its own (shards {@code <domain>#<n>}). */
  public static final List<String> DOMAINS = List.of("orders", "wallet");

  private final Dynamo dynamo;
  private final String table;
  private final String domain;

  public FollowUps(Dynamo dynamo, String domain) {
    if (!DOMAINS.contains(domain)) {
      throw new IllegalArgumentException("unknown follow-up domain " + domain);
    }
    this.dynamo = dynamo;
    this.table = dynamo.table(CoreTables.FOLLOWUPS);
    this.domain = domain;
  }

  public static String id(String kind, String ref) {
    return kind + "#" + ref;
  }

  private String shard(String ref) {
    return shardKey(domain, Math.floorMod(ref.hashCode(), SHARDS));
  }

  private static String shardKey(String domain, int n) {
    return domain + "#" + n;
  }

  /** The Put of a new follow-up due at {@code dueMs}, to join the transaction that makes it due. */
  public TransactWriteItem putItem(String kind, String ref, long dueMs) {
    long now = System.currentTimeMillis();
    Map<String, AttributeValue> item = Map.of("followUpId", Items.s(id(kind, ref)), "kind", Items.s(kind),
      "ref", Items.s(ref), "shard", Items.s(shard(ref)), "due", Items.n(dueMs), "createdAt", Items.n(now),
      "attempts", Items.n(0));
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  /**
   * The Put of a follow-up planned for a later time (a scheduled order's dispatch): as {@link #putItem}, but counted
   * open only from {@code dueMs} ({@code createdAt = dueMs}), so waiting for its time is never taken for being stuck.
   */
  public TransactWriteItem scheduledItem(String kind, String ref, long dueMs) {
    Map<String, AttributeValue> item = new HashMap<>(putItem(kind, ref, dueMs).put().item());
    item.put("createdAt", Items.n(Math.max(dueMs, System.currentTimeMillis())));
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  /** The Put of a follow-up that waits for a person ({@code blocked}), re-checked hourly, to join a transaction. */
  public TransactWriteItem blockedItem(String kind, String ref, String why) {
    Map<String, AttributeValue> item = new HashMap<>(putItem(kind, ref, System.currentTimeMillis() + BLOCKED_RECHECK_MS)
      .put().item());
    item.put("blocked", AttributeValue.fromBool(true));
    item.put("lastError", Items.s(why));
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  /** The Delete of a follow-up whose work is done, to join the transaction that does it. */
  public TransactWriteItem doneItem(String kind, String ref) {
    return TransactWriteItem.builder().delete(d -> d.tableName(table).key(Items.key("followUpId", id(kind, ref)))).build();
  }

  /** Writes a follow-up on its own (when nothing else changes in the same step). */
  public Future<Void> schedule(String kind, String ref, long dueMs) {
    Map<String, AttributeValue> item = putItem(kind, ref, dueMs).put().item();
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(item))).mapEmpty();
  }

  /** The work is done: the follow-up goes (a second call is harmless). */
  public Future<Void> done(String kind, String ref) {
    return dynamo.call(c -> c.deleteItem(b -> b.tableName(table).key(Items.key("followUpId", id(kind, ref)))))
      .mapEmpty();
  }

  /** Tried and not done: due again at {@code dueMs}; {@code blocked} marks work that waits for a human. */
  public Future<Void> later(String kind, String ref, long attempts, long dueMs, String error, boolean blocked) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("followUpId", id(kind, ref)))
        .updateExpression("SET attempts = :a, #due = :due, lastError = :e, blocked = :b")
        .conditionExpression("attribute_exists(followUpId)")
        .expressionAttributeNames(Map.of("#due", "due"))
        .expressionAttributeValues(Map.of(":a", Items.n(attempts), ":due", Items.n(dueMs),
          ":e", Items.s(error == null ? "" : error), ":b", AttributeValue.fromBool(blocked)))))
      .<Void>mapEmpty().otherwise(f -> null);
  }

  /** Follow-ups due at {@code nowMs}, up to {@code perShard} from each shard, oldest due first. */
  public Future<List<JsonObject>> due(long nowMs, int perShard) {
    List<Future<QueryResponse>> shards = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      String shard = shardKey(domain, s);
      shards.add(dynamo.call(c -> c.query(b -> b.tableName(table).indexName(DUE_INDEX)
        .keyConditionExpression("#sh = :s AND #due <= :now").expressionAttributeNames(Map.of("#sh", "shard", "#due", "due"))
        .expressionAttributeValues(Map.of(":s", Items.s(shard), ":now", Items.n(nowMs))).limit(perShard))));
    }
    return Future.all(shards).map(all -> {
      List<JsonObject> out = new ArrayList<>();
      shards.forEach(f -> f.result().items().forEach(i -> out.add(Items.toJson(i))));
      return out;
    });
  }

  /**
   * One page of follow-ups of every domain still open {@code overdueMs} after they were created, or blocked on a person,
   * shard after shard, oldest due first: {@code {items, nextCursor}}; the cursor names a shard and a position in it.
   */
  public Future<JsonObject> stuck(long nowMs, long overdueMs, int limit, String cursor) {
    JsonObject at;
    try {
      at = StuckCursor.decode(cursor, DOMAINS.size() * SHARDS);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return stuck(nowMs - overdueMs, limit, at.getInteger("shard"), at.getJsonObject("key"), new JsonArray());
  }

  private Future<JsonObject> stuck(long createdBefore, int limit, int shard, JsonObject startKey, JsonArray items) {
    String shardKey = shardKey(DOMAINS.get(shard / SHARDS), shard % SHARDS);
    Map<String, AttributeValue> start = startKey == null ? null : Items.toItem(startKey);
    int wanted = limit - items.size();
    return dynamo.call(c -> c.query(b -> b.tableName(table).indexName(DUE_INDEX)
        .keyConditionExpression("#sh = :s").filterExpression("createdAt <= :old OR blocked = :t")
        .expressionAttributeNames(Map.of("#sh", "shard"))
        .expressionAttributeValues(Map.of(":s", Items.s(shardKey), ":old", Items.n(createdBefore),
          ":t", AttributeValue.fromBool(true)))
        .exclusiveStartKey(start).limit(wanted)))
      .compose(r -> {
        long now = System.currentTimeMillis();
        r.items().forEach(i -> items.add(view(Items.toJson(i), now)));
        boolean more = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty();
        JsonObject next = more ? new JsonObject().put("shard", shard).put("key", Items.toJson(r.lastEvaluatedKey()))
          : shard + 1 < DOMAINS.size() * SHARDS ? new JsonObject().put("shard", shard + 1) : null;
        if (next != null && items.size() < limit) {
          return stuck(createdBefore, limit, next.getInteger("shard"), next.getJsonObject("key"), items);
        }
        return Future.succeededFuture(new JsonObject().put("items", items)
          .put("nextCursor", next == null ? null : StuckCursor.encode(next)));
      });
  }

  private static JsonObject view(JsonObject item, long nowMs) {
    return new JsonObject().put("kind", item.getString("kind")).put("ref", item.getString("ref"))
      .put("domain", item.getString("shard", "").replaceAll("#.*", ""))
      .put("createdAt", Instant.ofEpochMilli(item.getLong("createdAt", 0L)).toString())
      .put("nextAttemptAt", Instant.ofEpochMilli(item.getLong("due", 0L)).toString())
      .put("ageSeconds", (nowMs - item.getLong("createdAt", nowMs)) / 1000)
      .put("attempts", item.getLong("attempts", 0L)).put("lastError", item.getString("lastError"))
      .put("blocked", item.getBoolean("blocked", false));
  }
}
