package cm.reeyo.wallet;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-wallet proof: wallets are scanned {@value #WALLET_PAGE} at a time, and each wallet's entries after its
 * checkpoint are streamed in order ({@code walletId-index}, {@value #ENTRY_PAGE} a page) and must chain: sequence
 * numbers without gap, each entry starting at the balance the previous one ended at, each moving its own amount, the
 * last one (the wallet's version as read) ending at the wallet's balance. A proven wallet's checkpoint moves to its
 * version; a wallet whose version did not move since is not read again. Memory: one wallet page and
 * {@value #PARALLEL} entry pages, whatever the size of the ledger.
 */
final class WalletChains {

  static final int WALLET_PAGE = 100;
  static final int ENTRY_PAGE = 500;
  static final int PARALLEL = 8;

  private final Dynamo dynamo;
  private final Checkpoints checkpoints;

  WalletChains(Dynamo dynamo, Checkpoints checkpoints) {
    this.dynamo = dynamo;
    this.checkpoints = checkpoints;
  }

  /** Checks every wallet; {@code full} ignores the checkpoints (and rewrites them). */
  Future<Void> run(boolean full, ReconcileReport report) {
    return page(null, full, report);
  }

  /** The sum of all balances, read again (a cheap scan of one attribute) when transfers raced the first pass. */
  Future<Long> sumOfBalances() {
    long[] sum = {0};
    return sumPage(null, sum).map(v -> sum[0]);
  }

  private Future<Void> sumPage(Map<String, AttributeValue> start, long[] sum) {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).consistentRead(true)
        .projectionExpression("balance").exclusiveStartKey(start)))
      .compose(r -> {
        r.items().forEach(i -> sum[0] += i.containsKey("balance") ? Long.parseLong(i.get("balance").n()) : 0);
        return more(r.lastEvaluatedKey()) ? sumPage(r.lastEvaluatedKey(), sum) : Future.succeededFuture();
      });
  }

  private Future<Void> page(Map<String, AttributeValue> start, boolean full, ReconcileReport report) {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).consistentRead(true)
        .projectionExpression("walletId, balance, version, createdAt").limit(WALLET_PAGE).exclusiveStartKey(start)))
      .compose(r -> {
        List<JsonObject> wallets = new ArrayList<>();
        r.items().forEach(i -> {
          JsonObject w = Items.toJson(i);
          wallets.add(w);
          report.walletSeen(w.getLong("balance", 0L), w.getString("createdAt"));
        });
        List<String> ids = wallets.stream().map(w -> w.getString("walletId")).toList();
        Future<Map<String, Checkpoints.WalletMark>> marks = full ? Future.succeededFuture(new HashMap<>()) : checkpoints.wallets(ids);
        return marks.compose(m -> inGroups(wallets, 0, m, report))
          .compose(v -> more(r.lastEvaluatedKey()) ? page(r.lastEvaluatedKey(), full, report) : Future.succeededFuture());
      });
  }

  private Future<Void> inGroups(List<JsonObject> wallets, int from, Map<String, Checkpoints.WalletMark> marks,
                                ReconcileReport report) {
    if (from >= wallets.size()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> group = new ArrayList<>();
    for (JsonObject w : wallets.subList(from, Math.min(wallets.size(), from + PARALLEL))) {
      group.add(check(w, marks.getOrDefault(w.getString("walletId"), Checkpoints.WalletMark.START), report));
    }
    return Future.all(group).compose(v -> inGroups(wallets, from + PARALLEL, marks, report));
  }

  private Future<Void> check(JsonObject wallet, Checkpoints.WalletMark mark, ReconcileReport report) {
    String walletId = wallet.getString("walletId");
    long version = wallet.getLong("version", 0L);
    long balance = wallet.getLong("balance", 0L);
    if (mark.seq() == version && mark.balance() == balance) {
      return Future.succeededFuture();
    }
    if (mark.seq() > version) {
      report.mismatch(problem(wallet, mark.balance(), mark.seq(), "version " + version + " is behind the checkpoint " + mark.seq()));
      return Future.succeededFuture();
    }
    report.walletsRead++;
    Chain chain = new Chain(mark, version, report);
    return entries(walletId, mark.at(), null, chain).compose(v -> {
      String problem = chain.finish(balance);
      if (problem != null) {
        report.mismatch(problem(wallet, chain.balance, chain.seq, problem));
        return Future.succeededFuture();
      }
      return chain.seq == mark.seq() ? Future.succeededFuture()
        : checkpoints.saveWallet(walletId, new Checkpoints.WalletMark(chain.seq, chain.balance, chain.at));
    });
  }

  private Future<Void> entries(String walletId, String fromAt, Map<String, AttributeValue> start, Chain chain) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":w", Items.s(walletId)));
    String condition = "walletId = :w";
    if (fromAt != null) {
      values.put(":at", Items.s(fromAt));
      condition += " AND createdAt >= :at";
    }
    QueryRequest.Builder q = QueryRequest.builder().tableName(dynamo.table(CoreTables.TRANSACTIONS)).indexName("walletId-index")
      .keyConditionExpression(condition).expressionAttributeValues(values)
      .projectionExpression("seq, #t, amount, balanceBefore, balanceAfter, createdAt").expressionAttributeNames(Map.of("#t", "type"))
      .limit(ENTRY_PAGE);
    if (start != null) {
      q.exclusiveStartKey(start);
    }
    QueryRequest request = q.build();
    return dynamo.call(c -> c.query(request)).compose(r -> {
      r.items().forEach(i -> chain.offer(Items.toJson(i)));
      return more(r.lastEvaluatedKey()) && !chain.complete()
        ? entries(walletId, fromAt, r.lastEvaluatedKey(), chain) : Future.succeededFuture();
    });
  }

  private static JsonObject problem(JsonObject wallet, long entriesBalance, long entriesSeq, String problem) {
    return new JsonObject().put("walletId", wallet.getString("walletId")).put("balance", wallet.getLong("balance"))
      .put("version", wallet.getLong("version")).put("entriesSum", entriesBalance).put("entries", entriesSeq)
      .put("problem", problem);
  }

  static boolean more(Map<String, AttributeValue> lastKey) {
    return lastKey != null && !lastKey.isEmpty();
  }

  /**
   * One wallet's entries in order, from its checkpoint up to the version read. Entries of the same instant (two legs
   * of one transfer on one wallet) are held together and applied by sequence number.
   */
  private static final class Chain {
    private final long fromSeq;
    private final long version;
    private final ReconcileReport report;
    private final List<JsonObject> instant = new ArrayList<>();
    long seq;
    long balance;
    String at;
    String problem;

    Chain(Checkpoints.WalletMark mark, long version, ReconcileReport report) {
      this.fromSeq = mark.seq();
      this.seq = mark.seq();
      this.balance = mark.balance();
      this.at = mark.at();
      this.version = version;
      this.report = report;
    }

    void offer(JsonObject entry) {
      if (!instant.isEmpty() && !instant.get(0).getString("createdAt").equals(entry.getString("createdAt"))) {
        flush();
      }
      instant.add(entry);
    }

    boolean complete() {
      return seq >= version || problem != null;
    }

    String finish(long walletBalance) {
      flush();
      if (problem == null && seq != version) {
        problem = "entries end at sequence " + seq + ", the wallet is at version " + version;
      }
      if (problem == null && balance != walletBalance) {
        problem = "entries end at balance " + balance + ", the wallet holds " + walletBalance;
      }
      return problem;
    }

    private void flush() {
      instant.sort(Comparator.comparingLong(e -> e.getLong("seq", 0L)));
      for (JsonObject e : instant) {
        apply(e);
      }
      instant.clear();
    }

    private void apply(JsonObject e) {
      long n = e.getLong("seq", 0L);
      if (n <= fromSeq || n > version || problem != null) {
        return;
      }
      long amount = e.getLong("amount", 0L);
      long signed = "CREDIT".equals(e.getString("type")) ? amount : -amount;
      long before = e.getLong("balanceBefore", 0L);
      long after = e.getLong("balanceAfter", 0L);
      if (n != seq + 1) {
        problem = "entry " + (seq + 1) + " is missing (found " + n + ")";
      } else if (before != balance) {
        problem = "entry " + n + " starts at " + before + ", the previous one ended at " + balance;
      } else if (after - before != signed) {
        problem = "entry " + n + " moves " + signed + " but its balances differ by " + (after - before);
      } else {
        seq = n;
        balance = after;
        at = e.getString("createdAt");
        report.entries++;
      }
    }
  }
}
