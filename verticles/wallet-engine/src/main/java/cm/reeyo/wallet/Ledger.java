package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The only writer of balances. {@link #execute} runs a {@link Transfer} as one TransactWriteItems, at most once per
 * idempotency key: a repeat with the same request answers the first result, a different request under the same key
 * fails IDEMPOTENCY_KEY_REUSED. Balances moved by someone else between read and write (a failed version condition)
 * and TransactionConflict cancellations are retried with jittered backoff; a floor that would be crossed fails
 * INSUFFICIENT_FUNDS; an extra write whose condition fails answers that extra's error.
 */
public final class Ledger {

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final Vertx vertx;
  private final Dynamo dynamo;
  private final AuditLog audit;
  private final LedgerEvents events;
  private final int maxAttempts;
  private final int maxInFlight;
  private final Clock clock;
  private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  public Ledger(Vertx vertx, Dynamo dynamo, AuditLog audit, LedgerEvents events, int maxAttempts, int maxInFlight,
                Clock clock) {
    this.vertx = vertx;
    this.dynamo = dynamo;
    this.audit = audit;
    this.events = events;
    this.maxAttempts = maxAttempts;
    this.maxInFlight = maxInFlight;
    this.clock = clock;
  }

  /** Runs the transfer; the answer carries {@code replayed: true} when the key had already committed. */
  public Future<JsonObject> execute(Transfer transfer) {
    try {
      transfer.validate();
    } catch (RuntimeException e) {
      return Future.failedFuture(ErrorCode.INTERNAL.exception(e.getMessage()));
    }
    return admit().compose(v -> attempt(transfer, 1)).andThen(r -> leave());
  }

  /** Waits for one of {@code maxInFlight} slots: a queue here beats a pile-up of timeouts in the store. */
  private Future<Void> admit() {
    if (inFlight < maxInFlight) {
      inFlight++;
      return Future.succeededFuture();
    }
    Promise<Void> slot = Promise.promise();
    waiting.add(slot);
    return slot.future();
  }

  private void leave() {
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.complete();
    } else {
      inFlight--;
    }
  }

  private Future<JsonObject> attempt(Transfer t, int n) {
    return tryOnce(t, n).recover(failure -> {
      if (failure instanceof ReplyException || n >= maxAttempts) {
        return Future.failedFuture(failure instanceof ReplyException ? failure
          : ErrorCode.UNAVAILABLE.exception("The ledger store did not answer; try again"));
      }
      LOG.warn("transfer {} attempt {} could not read: {}", t.key(), n, unwrap(failure).toString());
      return backoff(n).compose(v -> attempt(t, n + 1));
    });
  }

  private Future<JsonObject> tryOnce(Transfer t, int n) {
    return committed(t.key()).compose(existing -> {
      if (existing != null) {
        return replay(t, existing);
      }
      return readWallets(t).compose(wallets -> {
        Plan plan;
        try {
          plan = Plan.build(dynamo, t, wallets, clock.instant());
        } catch (ReplyException refused) {
          return Future.failedFuture(refused);
        }
        return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(plan.items())))
          .map(done -> {
            JsonObject answer = plan.answer(t).put("replayed", false);
            afterCommit(t, answer);
            return answer;
          })
          .recover(failure -> onFailure(t, n, plan, failure));
      });
    });
  }

  private Future<JsonObject> onFailure(Transfer t, int n, Plan plan, Throwable failure) {
    Throwable cause = unwrap(failure);
    boolean retry;
    if (cause instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
      List<CancellationReason> reasons = cancelled.cancellationReasons();
      retry = false;
      Transfer.Extra failedExtra = null;
      boolean keyTaken = false;
      for (int i = 0; i < reasons.size() && i < plan.items().size(); i++) {
        String code = reasons.get(i).code();
        if ("ConditionalCheckFailed".equals(code)) {
          switch (plan.role(i)) {
            case EXTRA -> failedExtra = plan.extra(i);
            case IDEMPOTENCY -> keyTaken = true;
            case ENTRY -> LOG.error("transfer {}: ledger entry id collision", t.key());
            default -> retry = true;
          }
        } else if (code != null && !"None".equals(code)) {
          if (!"TransactionConflict".equals(code)) {
            LOG.warn("transfer {} cancelled: {} {}", t.key(), code, reasons.get(i).message());
          }
          retry = true;
        }
      }
      if (keyTaken && n < maxAttempts) {
        return attempt(t, n + 1);
      }
      if (failedExtra != null) {
        return Future.failedFuture(failedExtra.onConditionFailed().exception(failedExtra.label()));
      }
    } else {
      LOG.warn("transfer {} attempt {} failed: {}", t.key(), n, cause.toString());
      retry = true;
    }
    if (!retry || n >= maxAttempts) {
      return Future.failedFuture(ErrorCode.CONFLICT.exception("The ledger is busy; try again"));
    }
    return backoff(n).compose(v -> attempt(t, n + 1));
  }

  private Future<Void> backoff(int n) {
    long cap = Math.min(200, 2L << Math.min(n, 7));
    long delay = 1 + ThreadLocalRandom.current().nextLong(cap);
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(delay, id -> promise.complete());
    return promise.future();
  }

  private Future<JsonObject> replay(Transfer t, JsonObject existing) {
    if (!t.requestHash().equals(existing.getString("hash"))) {
      return Future.failedFuture(ErrorCode.IDEMPOTENCY_KEY_REUSED.exception(
        "This key was already used for a different request"));
    }
    return Future.succeededFuture(new JsonObject(existing.getString("result")).put("replayed", true));
  }

  /** The idempotency record of a key, or null. */
  public Future<JsonObject> committed(String key) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.IDEMPOTENCY))
        .key(Items.key("key", key)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  private Future<Map<String, Plan.Snapshot>> readWallets(Transfer t) {
    Map<String, Account> accounts = new LinkedHashMap<>();
    t.legs().forEach(l -> accounts.putIfAbsent(l.account().walletId(), l.account()));
    List<Future<Plan.Snapshot>> reads = new ArrayList<>();
    accounts.values().forEach(a -> reads.add(wallet(a.walletId()).map(item -> new Plan.Snapshot(a, item))));
    return Future.all(reads).map(all -> {
      Map<String, Plan.Snapshot> out = new LinkedHashMap<>();
      for (int i = 0; i < all.size(); i++) {
        Plan.Snapshot s = all.resultAt(i);
        out.put(s.account().walletId(), s);
      }
      return out;
    });
  }

  /** A wallet item (strongly consistent), or null when it does not exist. */
  public Future<JsonObject> wallet(String walletId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS))
        .key(Items.key("walletId", walletId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  private void afterCommit(Transfer t, JsonObject answer) {
    events.committed(t, answer);
    long moved = answer.getJsonArray("legs").stream().map(JsonObject.class::cast)
      .filter(l -> "CREDIT".equals(l.getString("type"))).mapToLong(l -> l.getLong("amount")).sum();
    audit.record(AuditLog.Entry.of(t.actorId(), t.actorRole(), "wallet." + t.kind().toLowerCase(), t.key(), "SUCCESS")
      .detail("transferId=" + t.transferId() + " amount=" + moved + " XAF"));
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
