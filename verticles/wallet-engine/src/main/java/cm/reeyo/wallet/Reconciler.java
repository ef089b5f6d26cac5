package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Proves the ledger, streaming it page by page with its progress checkpointed in DynamoDB: every wallet's entries
 * chain to its balance ({@link WalletChains}), every transfer's legs are all there and sum to zero
 * ({@link TransferBalances}), and the balances sum to zero (re-read a few times when transfers race the scan).
 * A run is incremental by default: it reads only what was written after the checkpoints; {@code full} starts again
 * from the beginning. Memory stays bounded by page sizes, whatever the size of the ledger; all I/O is asynchronous,
 * so the event loop only ever handles one page at a time. Logs the result and audits it.
 */
final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final AuditLog audit;
  private final Clock clock;
  private final Duration settlingLag;
  private final Checkpoints checkpoints;
  private final WalletChains chains;
  private final TransferBalances transfers;
  private boolean running;

  Reconciler(Dynamo dynamo, AuditLog audit, Clock clock, Duration settlingLag) {
    this.audit = audit;
    this.clock = clock;
    this.settlingLag = settlingLag;
    this.checkpoints = new Checkpoints(dynamo);
    this.chains = new WalletChains(dynamo, checkpoints);
    this.transfers = new TransferBalances(dynamo, checkpoints);
  }

  /** An incremental run from the checkpoints. */
  Future<JsonObject> run() {
    return run(false);
  }

  /** A run; {@code full} ignores the checkpoints. One run at a time per engine: a second answers CONFLICT. */
  Future<JsonObject> run(boolean full) {
    if (running) {
      return Future.failedFuture(ErrorCode.CONFLICT.exception("A reconciliation is running"));
    }
    running = true;
    Instant started = clock.instant();
    String until = Timestamps.format(started.minus(settlingLag));
    ReconcileReport report = new ReconcileReport();
    return chains.run(full, report)
      .compose(v -> resum(report, 2))
      .compose(v -> full ? Future.succeededFuture((Checkpoints.TransferMark) null) : checkpoints.transfers())
      .compose(mark -> transfers.run(mark, report.firstWalletAt == null ? null : Ids.day(Instant.parse(report.firstWalletAt)),
        until, report))
      .map(v -> finish(report.toJson(full), started))
      .andThen(r -> running = false)
      .onFailure(f -> LOG.warn("reconciliation did not finish: {}", f.toString()));
  }

  private Future<Void> resum(ReconcileReport report, int triesLeft) {
    if (report.sumOfBalances == 0 || triesLeft == 0) {
      return Future.succeededFuture();
    }
    return chains.sumOfBalances().compose(sum -> {
      report.sumOfBalances = sum;
      return resum(report, triesLeft - 1);
    });
  }

  private JsonObject finish(JsonObject report, Instant started) {
    report.put("checkedAt", Timestamps.format(started)).put("elapsedMs", clock.millis() - started.toEpochMilli());
    boolean ok = report.getBoolean("ok");
    if (ok) {
      LOG.info("reconciliation ok: {} wallets ({} read), {} entries, {} transfers, sum {}", report.getLong("wallets"),
        report.getLong("walletsRead"), report.getLong("entries"), report.getLong("transfers"), report.getLong("sumOfBalances"));
    } else {
      LOG.error("RECONCILIATION DIFFERS: {}", report.encode());
    }
    audit.record(AuditLog.Entry.of("system", "SYSTEM", "wallet.reconciliation", "ledger", ok ? "SUCCESS" : "FAILURE")
      .detail("sum=" + report.getLong("sumOfBalances") + " mismatches=" + report.getLong("mismatchCount")
        + " unbalancedTransfers=" + report.getLong("unbalancedCount") + (report.getBoolean("full") ? " full" : " incremental")));
    return report;
  }
}
