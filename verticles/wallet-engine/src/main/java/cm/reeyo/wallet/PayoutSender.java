package cm.reeyo.wallet;

import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;

/**
 * Sends an approved payout's withdrawal to Campay at most once and drives it to a final status. The send is claimed
 * on the payment record first, so neither a retried approval nor the recovery sweeper can send a second withdrawal;
 * a claim is given back only when Campay surely did not get the request (it could not be reached).
 */
final class PayoutSender {

  /** Where a payout stands after a recovery step. */
  enum Progress { FINAL, WAITING, BLOCKED }

  private static final Logger LOG = LoggerFactory.getLogger(PayoutSender.class);

  private final Vertx vertx;
  private final Payments payments;
  private final PayoutStore store;
  private final Confirmations confirmations;
  private final CampayClient campay;
  private final AuditLog audit;

  PayoutSender(Vertx vertx, Payments payments, PayoutStore store, Confirmations confirmations, CampayClient campay,
               AuditLog audit) {
    this.vertx = vertx;
    this.payments = payments;
    this.store = store;
    this.confirmations = confirmations;
    this.campay = campay;
    this.audit = audit;
  }

  /** Sends the withdrawal of {@code payment} unless it was sent already. */
  Future<Void> send(JsonObject payment) {
    return Transactions.retryingConflicts(vertx, () -> payments.claimSend(payment.getString("paymentId")))
      .compose(claimed -> claimed ? withdraw(payment) : Future.succeededFuture());
  }

  /**
   * One recovery step for payout {@code payoutId}: sends a withdrawal that never left, asks Campay about one that did,
   * and answers {@link Progress#BLOCKED} when Campay's answer (its reference) was lost: a person must look at
   * Campay's records, since sending again could pay twice.
   */
  Future<Progress> resume(String payoutId) {
    return store.get(payoutId).compose(payout -> {
      if (payout == null || !"PROCESSING".equals(payout.getString("status"))) {
        return Future.succeededFuture(Progress.FINAL);
      }
      return payments.get(payout.getString("paymentId", "pm_" + payoutId)).compose(this::resumePayment);
    });
  }

  private Future<Progress> resumePayment(JsonObject payment) {
    if (payment == null) {
      return Future.succeededFuture(Progress.BLOCKED);
    }
    if (!Payments.PENDING.equals(payment.getString("status"))) {
      return Future.succeededFuture(Progress.FINAL);
    }
    if (payment.getString("sendClaimedAt") == null) {
      LOG.info("recovery: payout payment {} was approved but never sent; sending it", payment.getString("paymentId"));
      return send(payment).map(Progress.WAITING);
    }
    String reference = payment.getString("reference");
    if (reference == null) {
      return Future.succeededFuture(Progress.BLOCKED);
    }
    return campay.transaction(reference)
      .compose(t -> confirmations.apply(payment, t.getString("status"), Webhooks.amount(t.getValue("amount")), "recovery"))
      .map(r -> r.getBoolean("applied", false) || !Payments.PENDING.equals(r.getString("status"))
        ? Progress.FINAL : Progress.WAITING);
  }

  /** A refusal returns the money at once; an unclear outcome is left to the poller and the sweeper. */
  private Future<Void> withdraw(JsonObject p) {
    String paymentId = p.getString("paymentId");
    return campay.withdraw(p.getLong("amount"), p.getString("phone"), "Reeyo payout", paymentId)
      .compose(answer -> {
        String reference = answer.getString("reference");
        Future<Void> attached = reference == null ? Future.succeededFuture()
          : Transactions.retryingConflicts(vertx, () -> payments.attachReference(paymentId, reference, answer));
        String status = answer.getString("status");
        if (Payments.SUCCESSFUL.equals(status) || Payments.FAILED.equals(status)) {
          return attached.compose(v -> confirmations.apply(p, status, p.getLong("amount"), "withdraw")).mapEmpty();
        }
        return attached;
      })
      .recover(failure -> {
        if (failure instanceof CampayClient.Rejected) {
          return confirmations.apply(p, Payments.FAILED, null, "withdraw refused").mapEmpty();
        }
        if (neverLeft(failure)) {
          LOG.warn("payout withdrawal {} not sent, Campay unreachable; the sweeper sends it again", paymentId);
          return payments.releaseSend(paymentId);
        }
        LOG.warn("payout withdrawal {} has no clear outcome yet: {}", paymentId, failure.getMessage());
        audit.record(AuditLog.Entry.of("system", "SYSTEM", "payout.withdraw_unclear", paymentId, "FAILURE")
          .detail(failure.getClass().getSimpleName()));
        return Future.succeededFuture();
      });
  }

  private static boolean neverLeft(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
