package cm.reeyo.wallet;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-transfer proof over the ledger in time order ({@code transactions.createdAt-index}: day by day, then by
 * {@code createdAt}), from the checkpoint on: every transfer's legs are all there and sum to zero. A transfer's legs
 * share one instant, so only the transfers of the instant being read are held; when the next instant starts, they
 * are judged and the checkpoint may move past them (saved every {@value #SAVE_EVERY_PAGES} pages and at the end).
 * Entries newer than {@code until} (now minus a settling lag) are left to the next run, so a transaction that
 * commits a little after its entries' timestamp is never skipped.
 */
final class TransferBalances {

  static final int PAGE = 500;
  static final int SAVE_EVERY_PAGES = 50;

  private final Dynamo dynamo;
  private final Checkpoints checkpoints;

  TransferBalances(Dynamo dynamo, Checkpoints checkpoints) {
    this.dynamo = dynamo;
    this.checkpoints = checkpoints;
  }

  /**
   * Checks entries after {@code from} (null: from the start of {@code firstDay}) up to {@code until} (a timestamp),
   * moving the checkpoint as it goes; the report's {@code mark} ends at the last instant checked.
   */
  Future<Void> run(Checkpoints.TransferMark from, String firstDay, String until, ReconcileReport report) {
    if (from == null && firstDay == null) {
      return Future.succeededFuture();
    }
    Walk walk = new Walk(report, from);
    String startDay = from != null ? from.day() : firstDay;
    return day(LocalDate.parse(startDay), LocalDate.parse(until.substring(0, 10)), from, until, walk)
      .compose(v -> {
        walk.close(null);
        return walk.saved() ? Future.succeededFuture() : checkpoints.saveTransfers(report.mark);
      });
  }

  private Future<Void> day(LocalDate day, LocalDate lastDay, Checkpoints.TransferMark from, String until, Walk walk) {
    if (day.isAfter(lastDay)) {
      return Future.succeededFuture();
    }
    String d = day.toString();
    String lo = from != null && from.day().equals(d) && from.at() != null ? from.at() : d;
    String hi = day.equals(lastDay) ? until : d + "~";
    return page(d, lo, hi, null, walk).compose(v -> day(day.plusDays(1), lastDay, from, until, walk));
  }

  private Future<Void> page(String day, String lo, String hi, Map<String, AttributeValue> start, Walk walk) {
    QueryRequest.Builder q = QueryRequest.builder().tableName(dynamo.table(CoreTables.TRANSACTIONS)).indexName("createdAt-index")
      .keyConditionExpression("createdDay = :d AND createdAt BETWEEN :lo AND :hi")
      .expressionAttributeValues(Map.of(":d", Items.s(day), ":lo", Items.s(lo), ":hi", Items.s(hi)))
      .projectionExpression("transferId, #t, amount, legs, createdAt").expressionAttributeNames(Map.of("#t", "type"))
      .limit(PAGE);
    if (start != null) {
      q.exclusiveStartKey(start);
    }
    QueryRequest request = q.build();
    return dynamo.call(c -> c.query(request)).compose(r -> {
      r.items().forEach(i -> walk.offer(day, Items.toJson(i)));
      Future<Void> saved = ++walk.pages % SAVE_EVERY_PAGES == 0 ? walk.save(checkpoints) : Future.succeededFuture();
      return saved.compose(v -> WalletChains.more(r.lastEvaluatedKey())
        ? page(day, lo, hi, r.lastEvaluatedKey(), walk) : Future.succeededFuture());
    });
  }

  /** The transfers of the instant being read, and where the checkpoint may go. */
  private static final class Walk {
    private final ReconcileReport report;
    private final Checkpoints.TransferMark from;
    private final Map<String, long[]> open = new LinkedHashMap<>();
    private String instantDay;
    private String instant;
    private Checkpoints.TransferMark lastSaved;
    long pages;

    Walk(ReconcileReport report, Checkpoints.TransferMark from) {
      this.report = report;
      this.from = from;
      this.lastSaved = from;
      report.mark = from;
    }

    void offer(String day, JsonObject entry) {
      String at = entry.getString("createdAt");
      if (from != null && day.equals(from.day()) && at.equals(from.at())) {
        return;
      }
      if (instant != null && !instant.equals(at)) {
        close(at);
      }
      instantDay = day;
      instant = at;
      long amount = entry.getLong("amount", 0L);
      long[] t = open.computeIfAbsent(entry.getString("transferId"), k -> new long[]{0, 0, entry.getLong("legs", 0L)});
      t[0] += "CREDIT".equals(entry.getString("type")) ? amount : -amount;
      t[1]++;
      report.transferEntries++;
    }

    /** Judges the held transfers: every leg seen, summing to zero. */
    void close(String next) {
      if (instant == null) {
        return;
      }
      Map<String, long[]> judged = new HashMap<>(open);
      open.clear();
      judged.forEach((id, t) -> {
        report.transfers++;
        if (t[0] != 0 || t[1] != t[2]) {
          report.unbalanced(new JsonObject().put("transferId", id).put("sum", t[0]).put("legsSeen", t[1]).put("legs", t[2])
            .put("at", instant));
        }
      });
      report.mark = new Checkpoints.TransferMark(instantDay, instant);
      instant = null;
    }

    Future<Void> save(Checkpoints checkpoints) {
      Checkpoints.TransferMark mark = report.mark;
      if (mark == null || mark.equals(lastSaved)) {
        return Future.succeededFuture();
      }
      lastSaved = mark;
      return checkpoints.saveTransfers(mark);
    }

    boolean saved() {
      return report.mark == null || report.mark.equals(lastSaved);
    }
  }
}
