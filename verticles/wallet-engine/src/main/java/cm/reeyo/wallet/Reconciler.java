package cm.reeyo.wallet;

import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the ledger: the balances sum to zero, every transfer's legs sum to zero, and every wallet's balance equals
 * the sum of its entries. Wallets are read before entries and each entry carries its wallet's sequence number, so
 * the per-wallet check is exact even while money moves (entries newer than the wallet read are left out). The sum
 * over balances is re-read a few times when transfers race the scan. Logs the result and audits it.
 */
final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  static final int LISTED = 20;

  private final Dynamo dynamo;
  private final AuditLog audit;
  private final Clock clock;

  Reconciler(Dynamo dynamo, AuditLog audit, Clock clock) {
    this.dynamo = dynamo;
    this.audit = audit;
    this.clock = clock;
  }

  Future<JsonObject> run() {
    Instant started = clock.instant();
    return check(3).map(report -> {
      report.put("checkedAt", Timestamps.format(started)).put("elapsedMs", clock.millis() - started.toEpochMilli());
      boolean ok = report.getBoolean("ok");
      if (ok) {
        LOG.info("reconciliation ok: {} wallets, {} entries, sum {}", report.getInteger("wallets"),
          report.getInteger("entries"), report.getLong("sumOfBalances"));
      } else {
        LOG.error("RECONCILIATION DIFFERS: {}", report.encode());
      }
      audit.record(AuditLog.Entry.of("system", "SYSTEM", "wallet.reconciliation", "ledger", ok ? "SUCCESS" : "FAILURE")
        .detail("sum=" + report.getLong("sumOfBalances") + " mismatches=" + report.getInteger("mismatchCount")
          + " unbalancedTransfers=" + report.getInteger("unbalancedCount")));
      return report;
    });
  }

  private Future<JsonObject> check(int triesLeft) {
    return scan(CoreTables.WALLETS).compose(wallets -> scan(CoreTables.TRANSACTIONS).map(entries -> compare(wallets, entries)))
      .compose(report -> report.getBoolean("ok") || triesLeft <= 1 ? Future.succeededFuture(report) : check(triesLeft - 1));
  }

  static JsonObject compare(List<JsonObject> wallets, List<JsonObject> entries) {
    Map<String, JsonObject> byId = new HashMap<>();
    long sum = 0;
    for (JsonObject w : wallets) {
      byId.put(w.getString("walletId"), w);
      sum += w.getLong("balance", 0L);
    }
    Map<String, long[]> perWallet = new HashMap<>();
    Map<String, long[]> perTransfer = new HashMap<>();
    for (JsonObject e : entries) {
      long signed = "CREDIT".equals(e.getString("type")) ? e.getLong("amount") : -e.getLong("amount");
      long[] t = perTransfer.computeIfAbsent(e.getString("transferId"), k -> new long[]{0, 0, e.getLong("legs", 0L)});
      t[0] += signed;
      t[1]++;
      JsonObject w = byId.get(e.getString("walletId"));
      if (w != null && e.getLong("seq", 0L) <= w.getLong("version", 0L)) {
        long[] acc = perWallet.computeIfAbsent(e.getString("walletId"), k -> new long[2]);
        acc[0] += signed;
        acc[1]++;
      }
    }
    JsonArray mismatches = new JsonArray();
    for (JsonObject w : wallets) {
      long[] acc = perWallet.getOrDefault(w.getString("walletId"), new long[2]);
      if (acc[0] != w.getLong("balance", 0L) || acc[1] != w.getLong("version", 0L)) {
        mismatches.add(new JsonObject().put("walletId", w.getString("walletId")).put("balance", w.getLong("balance"))
          .put("entriesSum", acc[0]).put("version", w.getLong("version")).put("entries", acc[1]));
      }
    }
    JsonArray unbalanced = new JsonArray();
    perTransfer.forEach((id, t) -> {
      if (t[0] != 0 || t[1] != t[2]) {
        unbalanced.add(new JsonObject().put("transferId", id).put("sum", t[0]).put("legsSeen", t[1]).put("legs", t[2]));
      }
    });
    return new JsonObject().put("ok", sum == 0 && mismatches.isEmpty() && unbalanced.isEmpty())
      .put("sumOfBalances", sum).put("wallets", wallets.size()).put("entries", entries.size())
      .put("transfers", perTransfer.size())
      .put("mismatchCount", mismatches.size()).put("mismatches", first(mismatches))
      .put("unbalancedCount", unbalanced.size()).put("unbalancedTransfers", first(unbalanced));
  }

  /** At most {@link #LISTED} items, so that a report stays readable and loggable. */
  private static JsonArray first(JsonArray all) {
    return all.size() <= LISTED ? all : new JsonArray(all.getList().subList(0, LISTED));
  }

  private Future<List<JsonObject>> scan(String table) {
    return page(table, null, new ArrayList<>());
  }

  private Future<List<JsonObject>> page(String table, Map<String, AttributeValue> start, List<JsonObject> into) {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(table)).consistentRead(true).exclusiveStartKey(start)))
      .compose(r -> {
        r.items().forEach(i -> into.add(Items.toJson(i)));
        return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
          ? page(table, r.lastEvaluatedKey(), into) : Future.succeededFuture(into);
      });
  }
}
