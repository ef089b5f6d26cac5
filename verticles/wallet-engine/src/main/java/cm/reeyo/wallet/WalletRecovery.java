package cm.reeyo.wallet;

import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Lease;
import cm.reeyo.storage.RecoveryMetrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The wallet engine's recovery sweeper: every {@code recovery.intervalMs} each instance tries to take the cluster-wide
 * lease {@value WalletFollowUps#LEASE}; its holder reads the due wallet follow-ups (an index query, never a scan) and
 * re-drives each idempotently: tells the order engine about a payment's outcome, or moves an approved payout on
 * (sends it, asks Campay about it, or marks it blocked for a person when Campay's answer was lost).
 */
final class WalletRecovery {

  static final int PER_SHARD = 25;
  static final long MAX_BACKOFF_MS = 600_000;

  private static final Logger LOG = LoggerFactory.getLogger(WalletRecovery.class);

  private final WalletFollowUps followUps;
  private final FollowUps store;
  private final Payments payments;
  private final PayoutSender payouts;
  private final Lease lease;
  private boolean sweeping;

  WalletRecovery(WalletFollowUps followUps, Payments payments, PayoutSender payouts, Lease lease) {
    this.followUps = followUps;
    this.store = followUps.store();
    this.payments = payments;
    this.payouts = payouts;
    this.lease = lease;
  }

  /** One tick: sweeps when this instance holds the lease; answers how many follow-ups it looked at. */
  Future<Integer> tick() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    return lease.acquire().compose(held -> held ? sweep() : Future.succeededFuture(0))
      .onComplete(ar -> sweeping = false);
  }

  /** Gives the lease up (a clean stop): another instance takes over at its next tick. */
  Future<Void> stop() {
    return lease.release();
  }

  private Future<Integer> sweep() {
    return store.due(System.currentTimeMillis(), PER_SHARD).compose(due -> {
      List<Future<Void>> redriven = due.stream().map(this::redrive).toList();
      return Future.join(redriven).otherwiseEmpty().map(v -> due.size());
    });
  }

  private Future<Void> redrive(JsonObject followUp) {
    String kind = followUp.getString("kind");
    String ref = followUp.getString("ref");
    long attempts = followUp.getLong("attempts", 0L) + 1;
    Future<Void> step = switch (kind) {
      case WalletFollowUps.TELL_PAID, WalletFollowUps.TELL_FAILED -> payments.get(ref)
        .compose(payment -> payment == null ? store.done(kind, ref) : followUps.tell(kind, payment));
      case WalletFollowUps.PAYOUT -> payouts.resume(ref).compose(progress -> payout(ref, attempts, progress));
      default -> store.done(kind, ref);
    };
    return step.onSuccess(v -> RecoveryMetrics.redriven(kind, "redriven")).recover(f -> {
      LOG.warn("recovery of {} {} failed: {}", kind, ref, f.getMessage());
      return store.later(kind, ref, attempts, System.currentTimeMillis() + backoff(attempts), f.getMessage(), false);
    });
  }

  private Future<Void> payout(String payoutId, long attempts, PayoutSender.Progress progress) {
    return switch (progress) {
      case FINAL -> store.done(WalletFollowUps.PAYOUT, payoutId);
      case WAITING -> store.later(WalletFollowUps.PAYOUT, payoutId, attempts,
        System.currentTimeMillis() + Math.min(backoff(attempts), followUps.payoutRecheckMs()), null, false);
      case BLOCKED -> store.later(WalletFollowUps.PAYOUT, payoutId, attempts,
        System.currentTimeMillis() + FollowUps.BLOCKED_RECHECK_MS,
        "withdrawal sent but Campay's answer was lost: check Campay's records before paying again", true);
    };
  }

  private static long backoff(long attempts) {
    return Math.min(MAX_BACKOFF_MS, 5_000L * attempts * attempts);
  }
}
