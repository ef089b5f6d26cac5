package cm.reeyo.storage.search;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.geo.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the search index from DynamoDB when its completion marker is missing (a flushed or new Redis), the way the
 * geo index is rebuilt: one instance at a time (a Redis lock), the approved vendors read {@value #PAGE} at a time
 * through {@code approval-status-index} (never a scan), each page's menus read by one Query per vendor, so memory holds
 * one page; then every vendor changed meanwhile ({@link SearchKeys#dirty}) is re-read, and the marker is set by the
 * script that sees nothing left dirty. Other instances and requests wait for the marker (503 after 60 s).
 */
public final class SearchIndexBuilder {

  static final int PAGE = 100;
  static final long LOCK_MS = 30_000;
  static final long WAIT_MS = 60_000;
  private static final long POLL_MS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexBuilder.class);
  private static final LuaScript FINISH = new LuaScript("""
    if redis.call('SCARD', KEYS[1]) == 0 and redis.call('GET', KEYS[3]) == ARGV[1] then
      redis.call('SET', KEYS[2], ARGV[2])
      redis.call('DEL', KEYS[3])
      return 1
    end
    return 0
    """);

  private final Vertx vertx;
  private final RedisAPI redis;
  private final Dynamo dynamo;
  private final SearchIndex index;
  private final SearchKeys keys;
  private Future<Void> inFlight;

  public SearchIndexBuilder(Vertx vertx, RedisAPI redis, Dynamo dynamo, SearchIndex index) {
    this.vertx = vertx;
    this.redis = redis;
    this.dynamo = dynamo;
    this.index = index;
    this.keys = index.keys();
  }

  public SearchKeys keys() {
    return keys;
  }

  /** Completes once the index is whole: at once if it is, else after this or another instance rebuilt it. */
  public Future<Void> ensureReady() {
    if (inFlight == null) {
      inFlight = attempt(System.currentTimeMillis() + WAIT_MS).andThen(x -> inFlight = null);
    }
    return inFlight;
  }

  private Future<Void> attempt(long deadline) {
    String token = UUID.randomUUID().toString();
    return redis.exists(List.of(keys.ready)).compose(ready -> ready.toInteger() == 1 ? Future.succeededFuture()
      : redis.set(List.of(keys.building, token, "NX", "PX", String.valueOf(LOCK_MS)))
        .compose(got -> got != null ? build(token) : waitForOther(deadline)));
  }

  private Future<Void> waitForOther(long deadline) {
    if (System.currentTimeMillis() > deadline) {
      return Future.failedFuture(ErrorCode.UNAVAILABLE.exception("The search index is being rebuilt; try again shortly"));
    }
    Promise<Void> tick = Promise.promise();
    vertx.setTimer(POLL_MS, t -> tick.complete());
    return tick.future().compose(v -> redis.exists(List.of(keys.ready))).compose(ready -> ready.toInteger() == 1
      ? Future.succeededFuture()
      : redis.exists(List.of(keys.building)).compose(held -> held.toInteger() == 0 ? attempt(deadline)
        : waitForOther(deadline)));
  }

  private Future<Void> build(String token) {
    long started = System.currentTimeMillis();
    int[] count = {0};
    return pages(null, token, count)
      .compose(v -> finish(token))
      .onSuccess(v -> LOG.info("search index rebuilt: {} approved vendors in {} ms", count[0], System.currentTimeMillis() - started))
      .onFailure(f -> redis.del(List.of(keys.building)));
  }

  private Future<Void> pages(Map<String, AttributeValue> start, String token, int[] count) {
    String version = SearchIndex.version();
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(CoreTables.VENDORS)).indexName("approval-status-index")
        .keyConditionExpression("approvalStatus = :a").expressionAttributeValues(Map.of(":a", Items.s("APPROVED")))
        .limit(PAGE).exclusiveStartKey(start)))
      .compose(r -> {
        List<Future<Void>> loads = new ArrayList<>(r.items().size());
        r.items().forEach(i -> loads.add(index.load(Items.toJson(i), version)));
        count[0] += loads.size();
        boolean more = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty();
        return Future.all(loads)
          .compose(v -> redis.pexpire(List.of(keys.building, String.valueOf(LOCK_MS))))
          .compose(v -> more ? pages(r.lastEvaluatedKey(), token, count) : Future.succeededFuture());
      });
  }

  /** Re-reads the vendors changed during the build until none is left, then sets the marker atomically. */
  private Future<Void> finish(String token) {
    return redis.spop(List.of(keys.dirty, "100")).compose(popped -> {
      if (popped == null || popped.size() == 0) {
        return FINISH.run(redis, List.of(keys.dirty, keys.ready, keys.building), List.of(token, Timestamps.now()))
          .compose(done -> done.toInteger() == 1 ? Future.succeededFuture() : stillOurs(token));
      }
      List<Future<Void>> reads = new ArrayList<>();
      for (Response id : popped) {
        reads.add(index.load(id.toString(), false));
      }
      return Future.all(reads).compose(v -> finish(token));
    });
  }

  private Future<Void> stillOurs(String token) {
    return redis.get(keys.building).compose(holder -> holder != null && token.equals(holder.toString())
      ? finish(token) : Future.failedFuture(ErrorCode.UNAVAILABLE.exception("The search index rebuild lost its lock")));
  }
}
