package cm.reeyo.wallet;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Campay's final word on a payment, at most once: the money movement and the payment's PENDING → final
 * status change commit in one transaction, so a repeated or late confirmation (webhook, poller, withdraw answer)
 * finds the payment final and changes nothing. Amounts are compared with ours before anything moves.
 */
final class Confirmations {

  /** The cancel reason of an order whose mobile-money payment failed. */
  static final String PAYMENT_FAILED_REASON = "payment_failed";

  private static final Logger LOG = LoggerFactory.getLogger(Confirmations.class);

  private final Vertx vertx;
  private final Ledger ledger;
  private final Payments payments;
  private final Dynamo dynamo;
  private final WalletConfig config;
  private final AuditLog audit;
  private final PayoutStore payouts;
  private final WalletFollowUps followUps;

  Confirmations(Vertx vertx, Ledger ledger, Payments payments, PayoutStore payouts, Dynamo dynamo,
                WalletConfig config, AuditLog audit, WalletFollowUps followUps) {
    this.vertx = vertx;
    this.followUps = followUps;
    this.ledger = ledger;
    this.payments = payments;
    this.payouts = payouts;
    this.dynamo = dynamo;
    this.config = config;
    this.audit = audit;
  }

  /** Answers {@code {paymentId, status, applied}}; UNPROCESSABLE when Campay's amount is not ours. */
  Future<JsonObject> apply(JsonObject payment, String status, Long campayAmount, String source) {
    String paymentId = payment.getString("paymentId");
    if (!Payments.PENDING.equals(payment.getString("status")) || Payments.PENDING.equals(status)) {
      return Future.succeededFuture(outcome(payment, payment.getString("status"), false));
    }
    if (Payments.SUCCESSFUL.equals(status) && !payment.getLong("amount").equals(campayAmount)) {
      audit.record(AuditLog.Entry.of("campay", "SYSTEM", "wallet.confirmation_refused", paymentId, "DENIED")
        .detail("amount mismatch via " + source));
      return Future.failedFuture(ErrorCode.UNPROCESSABLE.exception("The amount does not match the payment"));
    }
    Future<JsonObject> applied = Payments.SUCCESSFUL.equals(status) ? succeed(payment) : fail(payment);
    return applied.map(r -> outcome(payment, status, !r.getBoolean("replayed", false)))
      .recover(f -> ErrorCode.ALREADY_SETTLED.matches(f)
        ? payments.get(paymentId).map(p -> outcome(p, p.getString("status"), false)) : Future.failedFuture(f));
  }

  private Future<JsonObject> succeed(JsonObject p) {
    String paymentId = p.getString("paymentId");
    long amount = p.getLong("amount");
    return switch (p.getString("purpose")) {
      case "ORDER" -> orderPayment(p).recover(f -> ErrorCode.IDEMPOTENCY_KEY_REUSED.matches(f)
          || ErrorCode.ORDER_STATE_CONFLICT.matches(f)
        ? topup(p, "Payment for a closed or already paid order, kept in your wallet") : Future.failedFuture(f));
      case "PAYOUT" -> ledger.execute(Transfer.of("payout-paid#" + p.getString("payoutId"), "PAYOUT_PAID",
          p.getString("payoutId"), new JsonObject().put("paymentId", paymentId).put("amount", amount))
        .leg(Leg.debit(Account.payoutsInFlight(), amount, "Payout sent"))
        .leg(Leg.credit(Account.externalCampay(), amount, "Payout sent to mobile money"))
        .extra("The payment is already final", payments.finalStatusWrite(paymentId, Payments.SUCCESSFUL, null),
          ErrorCode.ALREADY_SETTLED)
        .extra("The payout is not being processed", payouts.finish(p.getString("payoutId"), "PAID"),
          ErrorCode.ALREADY_SETTLED)
        .extra("The payout's follow-up", followUps.doneItem(WalletFollowUps.PAYOUT, p.getString("payoutId")),
          ErrorCode.CONFLICT)
        .result("ownerId", p.getString("ownerId")).result("ownerType", p.getString("ownerType"))
        .result("payoutId", p.getString("payoutId")).result("amount", amount));
      default -> topup(p, "Wallet top-up");
    };
  }

  private Future<JsonObject> topup(JsonObject p, String description) {
    String paymentId = p.getString("paymentId");
    long amount = p.getLong("amount");
    return ledger.execute(Transfer.of("campay#" + paymentId, "TOPUP", paymentId,
        new JsonObject().put("paymentId", paymentId).put("amount", amount))
      .leg(Leg.debit(Account.externalCampay(), amount, "Mobile money received"))
      .leg(Leg.credit(Account.owner(p.getString("ownerId"), Role.USER.name()), amount, description))
      .extra("The payment is already final", payments.finalStatusWrite(paymentId, Payments.SUCCESSFUL, null),
        ErrorCode.ALREADY_SETTLED)
      .result("paymentId", paymentId).actor(p.getString("ownerId"), Role.USER.name()));
  }

  private Future<JsonObject> orderPayment(JsonObject p) {
    String paymentId = p.getString("paymentId");
    String orderId = p.getString("orderId");
    String userId = p.getString("ownerId");
    long amount = p.getLong("amount");
    Account customer = Account.owner(userId, Role.USER.name());
    Account escrow = Account.escrowFor(orderId, config.escrowShards());
    Transfer t = Transfer.of(Markers.paid(orderId), "ORDER_PAYMENT", orderId,
        new JsonObject().put("orderId", orderId).put("userId", userId).put("amount", amount).put("paymentId", paymentId))
      .leg(Leg.debit(Account.externalCampay(), amount, "Mobile money received"))
      .leg(Leg.credit(customer, amount, "Mobile money payment"))
      .leg(Leg.debit(customer, amount, "Order payment"))
      .leg(Leg.credit(escrow, amount, "Order payment held in escrow"))
      .extra("The payment is already final", payments.finalStatusWrite(paymentId, Payments.SUCCESSFUL, null),
        ErrorCode.ALREADY_SETTLED)
      .extra("The order is closed", Markers.absent(dynamo, Markers.close(orderId)), ErrorCode.ORDER_STATE_CONFLICT)
      .extra("The order engine is told", followUps.tellItem(WalletFollowUps.TELL_PAID, paymentId), ErrorCode.CONFLICT)
      .result("orderId", orderId).result("userId", userId).result("amount", amount).result("method", "MOBILE_MONEY")
      .result("escrowWalletId", escrow.walletId()).result("paymentId", paymentId)
      .actor(userId, Role.USER.name());
    return ledger.execute(t).onSuccess(r -> {
      if (!r.getBoolean("replayed", false)) {
        tellOrderEngine(WalletFollowUps.TELL_PAID, p);
      }
    });
  }

  /** The step's own attempt to tell the order engine; when it fails, the recovery sweeper tells it later. */
  private void tellOrderEngine(String kind, JsonObject payment) {
    followUps.tell(kind, payment).onFailure(f -> LOG.warn("order engine not told {} for payment {} yet: {}", kind,
      payment.getString("paymentId"), f.getMessage()));
  }

  private Future<JsonObject> fail(JsonObject p) {
    String paymentId = p.getString("paymentId");
    if ("PAYOUT".equals(p.getString("purpose"))) {
      long amount = p.getLong("amount");
      return ledger.execute(Transfer.of("payout-return#" + p.getString("payoutId"), "PAYOUT_RETURNED",
          p.getString("payoutId"), new JsonObject().put("paymentId", paymentId).put("amount", amount))
        .leg(Leg.debit(Account.payoutsInFlight(), amount, "Payout failed"))
        .leg(Leg.credit(Account.owner(p.getString("ownerId"), p.getString("ownerType")), amount,
          "Payout failed, amount returned"))
        .extra("The payment is already final", payments.finalStatusWrite(paymentId, Payments.FAILED, "WITHDRAW_FAILED"),
          ErrorCode.ALREADY_SETTLED)
        .extra("The payout is not being processed", payouts.finish(p.getString("payoutId"), "FAILED"),
          ErrorCode.ALREADY_SETTLED)
        .extra("The payout's follow-up", followUps.doneItem(WalletFollowUps.PAYOUT, p.getString("payoutId")),
          ErrorCode.CONFLICT));
    }
    boolean forOrder = "ORDER".equals(p.getString("purpose"));
    Future<Boolean> failed = forOrder
      ? payments.markFailed(vertx, paymentId, "COLLECT_FAILED", followUps.tellItem(WalletFollowUps.TELL_FAILED, paymentId))
      : payments.markFailed(paymentId, "COLLECT_FAILED");
    return failed.map(changed -> {
      if (changed) {
        new ClientPublisher(vertx).publish(ClientAddresses.user(p.getString("ownerId")), ClientEvent.PAYMENT_FAILED,
          Payments.view(p).put("status", Payments.FAILED));
        vertx.eventBus().publish(WalletAddresses.EVENTS, new JsonObject().put("type", "PAYMENT_FAILED")
          .put("paymentId", paymentId).put("orderId", p.getString("orderId")).put("purpose", p.getString("purpose")));
        if (forOrder) {
          tellOrderEngine(WalletFollowUps.TELL_FAILED, p);
        }
      }
      return new JsonObject().put("replayed", !changed);
    });
  }

  private static JsonObject outcome(JsonObject payment, String status, boolean applied) {
    return new JsonObject().put("paymentId", payment.getString("paymentId")).put("status", status)
      .put("purpose", payment.getString("purpose")).put("applied", applied);
  }
}
