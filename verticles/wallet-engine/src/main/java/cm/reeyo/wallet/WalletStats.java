package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The money side of the admin dashboard ({@link WalletAddresses#STATS}): the day's platform revenue, as the net of the
 * ledger entries on each revenue shard that day, read as the shard's last entry's {@code balanceAfter} minus its first
 * entry's {@code balanceBefore} that day (two one-item Queries per shard on {@code transactions.walletId-index}: the
 * cost does not grow with the day's orders; the entries chain, which reconciliation proves), the payouts awaiting a
 * decision ({@code payouts.status-index}, REQUESTED), and what escrow holds now (the escrow shard wallets).
 */
final class WalletStats {

  private final Dynamo dynamo;
  private final int revenueShards;
  private final int escrowShards;
  private final Clock clock;

  WalletStats(Dynamo dynamo, int revenueShards, int escrowShards, Clock clock) {
    this.dynamo = dynamo;
    this.revenueShards = revenueShards;
    this.escrowShards = escrowShards;
    this.clock = clock;
  }

  Future<JsonObject> day(Principal caller, JsonObject body) {
    if (!caller.is(Role.ADMIN)) {
      throw ErrorCode.FORBIDDEN.exception("Only admins read the dashboard");
    }
    Object asked = body.getValue("day");
    String day = asked == null ? Ids.day(clock.instant()) : String.valueOf(asked);
    if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw ErrorCode.VALIDATION_FAILED.exception("day must be YYYY-MM-DD");
    }
    long[] pending = {0, 0};
    List<Future<Long>> perShard = new ArrayList<>();
    for (int shard = 0; shard < revenueShards; shard++) {
      perShard.add(netOfDay(Account.REVENUE_PREFIX + shard, day));
    }
    Future<Long> revenue = Future.all(perShard).map(all -> perShard.stream().mapToLong(Future::result).sum());
    Future<Void> shards = revenue.mapEmpty();
    QueryRequest payouts = QueryRequest.builder().tableName(dynamo.table(WalletTables.PAYOUTS)).indexName("status-index")
      .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
      .expressionAttributeValues(Map.of(":s", Items.s("REQUESTED"))).projectionExpression("amount").build();
    return shards
      .compose(v -> all(payouts, null, p -> {
        pending[0]++;
        pending[1] += p.getLong("amount", 0L);
      }))
      .compose(v -> escrowHeld())
      .map(escrow -> new JsonObject().put("date", day).put("revenueToday", revenue.result()).put("escrowHeld", escrow)
        .put("pendingPayouts", new JsonObject().put("count", pending[0]).put("amount", pending[1])));
  }

  /** How much the wallet's balance moved over the day's entries: 0 when it has none that day. */
  private Future<Long> netOfDay(String walletId, String day) {
    Future<JsonObject> first = edgeOfDay(walletId, day, true);
    Future<JsonObject> last = edgeOfDay(walletId, day, false);
    return Future.all(first, last).map(both -> first.result() == null ? 0L
      : last.result().getLong("balanceAfter", 0L) - first.result().getLong("balanceBefore", 0L));
  }

  private Future<JsonObject> edgeOfDay(String walletId, String day, boolean firstOne) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(CoreTables.TRANSACTIONS)).indexName("walletId-index")
        .keyConditionExpression("walletId = :w AND begins_with(createdAt, :d)")
        .expressionAttributeValues(Map.of(":w", Items.s(walletId), ":d", Items.s(day)))
        .projectionExpression("balanceBefore, balanceAfter").scanIndexForward(firstOne).limit(1)))
      .map(r -> r.items().isEmpty() ? null : Items.toJson(r.items().get(0)));
  }

  /** What the escrow shards hold now: one BatchGetItem of the shard wallets (a handful of items). */
  private Future<Long> escrowHeld() {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int shard = 0; shard < escrowShards; shard++) {
      keys.add(Items.key("walletId", Account.ESCROW_PREFIX + shard));
    }
    String table = dynamo.table(CoreTables.WALLETS);
    return dynamo.call(c -> c.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys)
        .consistentRead(true).projectionExpression("balance").build()))))
      .map(r -> r.responses().getOrDefault(table, List.of()).stream()
        .mapToLong(i -> i.containsKey("balance") ? Long.parseLong(i.get("balance").n()) : 0L).sum());
  }

  /** Every item the query matches, page after page. */
  private Future<Void> all(QueryRequest query, Map<String, AttributeValue> start, Consumer<JsonObject> each) {
    QueryRequest page = start == null ? query : query.toBuilder().exclusiveStartKey(start).build();
    return dynamo.call(c -> c.query(page)).compose(r -> {
      r.items().forEach(item -> each.accept(Items.toJson(item)));
      return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
        ? all(query, r.lastEvaluatedKey(), each) : Future.succeededFuture();
    });
  }
}
