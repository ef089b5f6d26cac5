package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Transactions;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Vendor and rider payouts: a request holds the amount (wallet → payouts in flight, minimum from config); an
 * admin approves (Campay withdraw; success moves in-flight → external, failure returns it) or rejects (returned).
 * A payout is sent only to the owner's verified phone ({@link PayoutPhones}) unless the approving admin passes
 * {@code allowOtherPhone}: otherwise the approval fails PHONE_NOT_VERIFIED and the payout stays REQUESTED.
 */
final class Payouts {

  private static final Set<String> STATUSES = Set.of("REQUESTED", "PROCESSING", "PAID", "FAILED", "REJECTED");

  private final Ledger ledger;
  private final PayoutStore store;
  private final Payments payments;
  private final PayoutSender sender;
  private final WalletFollowUps followUps;
  private final Vertx vertx;
  private final Dynamo dynamo;
  private final WalletConfig config;
  private final AuditLog audit;
  private final Clock clock;
  private final PayoutPhones phones;

  Payouts(Vertx vertx, Ledger ledger, PayoutStore store, Payments payments, PayoutSender sender,
          WalletFollowUps followUps, Dynamo dynamo, WalletConfig config, AuditLog audit, Clock clock) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.store = store;
    this.payments = payments;
    this.sender = sender;
    this.followUps = followUps;
    this.dynamo = dynamo;
    this.config = config;
    this.audit = audit;
    this.clock = clock;
    this.phones = new PayoutPhones(dynamo);
  }

  Future<JsonObject> request(Principal caller, JsonObject body) {
    if (!caller.is(Role.VENDOR) && !caller.is(Role.RIDER)) {
      throw ErrorCode.FORBIDDEN.exception("Only vendors and riders request payouts");
    }
    long amount = Fields.amount(body, "amount", 1);
    String phone = Fields.text(body, "phone");
    if (amount < config.minPayout()) {
      throw ErrorCode.BELOW_MINIMUM.exception("A payout is at least " + config.minPayout() + " XAF");
    }
    String key = body.getString("idempotencyKey");
    String payoutId = key == null ? Ids.next("po") : "po_" + Transfer.hash(caller.id() + "|" + key).substring(0, 32);
    return phones.isOwnersVerifiedPhone(caller.id(), caller.role().name(), phone)
      .compose(verified -> hold(caller, payoutId, amount, phone, verified));
  }

  private Future<JsonObject> hold(Principal caller, String payoutId, long amount, String phone, boolean verified) {
    Account wallet = Account.owner(caller.id(), caller.role().name());
    JsonObject payout = new JsonObject().put("payoutId", payoutId).put("ownerId", caller.id())
      .put("ownerType", caller.role().name()).put("walletId", wallet.walletId()).put("amount", amount)
      .put("phone", phone).put("toVerifiedPhone", verified).put("status", "REQUESTED")
      .put("createdAt", Timestamps.format(clock.instant()));
    Transfer t = Transfer.of("payout#" + payoutId, "PAYOUT_HOLD", payoutId,
        new JsonObject().put("ownerId", caller.id()).put("amount", amount).put("phone", phone))
      .leg(Leg.debit(wallet, amount, "Payout requested"))
      .leg(Leg.credit(Account.payoutsInFlight(), amount, "Payout held for approval"))
      .extra("The payout already exists", store.create(payout), ErrorCode.ALREADY_EXISTS)
      .result("payout", PayoutStore.view(payout))
      .actor(caller.id(), caller.role().name());
    return ledger.execute(t).map(r -> r.getJsonObject("payout").put("replayed", r.getBoolean("replayed")));
  }

  Future<JsonObject> list(Principal caller, JsonObject body) {
    int limit = Math.max(1, Math.min(100, body.getInteger("limit", 20)));
    String cursor = body.getString("cursor");
    if (caller.is(Role.ADMIN)) {
      String status = body.getString("status", "REQUESTED");
      if (!STATUSES.contains(status)) {
        throw ErrorCode.VALIDATION_FAILED.exception("status must be one of " + STATUSES);
      }
      return store.page("status-index", "status", status, limit, cursor);
    }
    return store.page("owner-index", "ownerId", caller.id(), limit, cursor);
  }

  Future<JsonObject> decide(Principal caller, JsonObject body) {
    if (!caller.is(Role.ADMIN)) {
      throw ErrorCode.FORBIDDEN.exception("Only admins decide payouts");
    }
    String payoutId = Fields.text(body, "payoutId");
    String decision = Fields.text(body, "decision");
    return store.get(payoutId).compose(payout -> {
      if (payout == null) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such payout"));
      }
      return switch (decision) {
        case "APPROVE" -> "REQUESTED".equals(payout.getString("status")) && !payout.getBoolean("toVerifiedPhone", false)
          && !Boolean.TRUE.equals(body.getValue("allowOtherPhone"))
          ? Future.failedFuture(ErrorCode.PHONE_NOT_VERIFIED.exception("The payout goes to a number that is not the owner's "
            + "verified phone; approve it with allowOtherPhone only after checking the number belongs to the owner"))
          : approve(caller, payout);
        case "REJECT" -> reject(caller, payout, body.getString("reason", "Rejected"));
        default -> Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("decision must be APPROVE or REJECT"));
      };
    });
  }

  private Future<JsonObject> reject(Principal admin, JsonObject payout, String reason) {
    String payoutId = payout.getString("payoutId");
    long amount = payout.getLong("amount");
    Transfer t = Transfer.of("payout-reject#" + payoutId, "PAYOUT_REJECTED", payoutId, new JsonObject().put("amount", amount))
      .leg(Leg.debit(Account.payoutsInFlight(), amount, "Payout rejected"))
      .leg(Leg.credit(Account.owner(payout.getString("ownerId"), payout.getString("ownerType")), amount,
        "Payout rejected, amount returned"))
      .extra("The payout is no longer awaiting a decision",
        store.move(payoutId, "REQUESTED", "REJECTED", admin.id(), reason), ErrorCode.CONFLICT)
      .result("payoutId", payoutId).result("reason", reason)
      .actor(admin.id(), admin.role().name());
    return ledger.committed(t.key())
      .compose(done -> done == null && !"REQUESTED".equals(payout.getString("status"))
        ? Future.failedFuture(ErrorCode.CONFLICT.exception("The payout is no longer awaiting a decision"))
        : ledger.execute(t))
      .compose(r -> store.get(payoutId)).map(PayoutStore::view);
  }

  /** The approval, the payment record and the payout's follow-up commit together; then the withdrawal leaves. */
  private Future<JsonObject> approve(Principal admin, JsonObject payout) {
    String payoutId = payout.getString("payoutId");
    String paymentId = "pm_" + payoutId;
    long amount = payout.getLong("amount");
    JsonObject payment = new JsonObject().put("paymentId", paymentId).put("externalReference", paymentId)
      .put("purpose", "PAYOUT").put("payoutId", payoutId).put("ownerId", payout.getString("ownerId"))
      .put("ownerType", payout.getString("ownerType")).put("amount", amount).put("phone", payout.getString("phone"))
      .put("requestHash", payoutId);
    return Transactions.write(vertx, dynamo, List.of(store.approve(payoutId, admin.id(), paymentId),
        payments.createItem(payment), followUps.payoutItem(payoutId)))
      .recover(f -> TableBootstrap.isCause(f, TransactionCanceledException.class)
        ? alreadyApproved(payoutId).compose(approved -> approved ? Future.<Void>failedFuture(new AlreadyApproved())
          : Future.failedFuture(ErrorCode.CONFLICT.exception("The payout is no longer awaiting a decision")))
        : Future.failedFuture(f))
      .compose(v -> {
        audit.record(AuditLog.Entry.of(admin.id(), admin.role().name(), "payout.approve", payoutId, "SUCCESS")
          .detail("amount=" + amount + " XAF"));
        return payments.get(paymentId);
      })
      .compose(sender::send)
      .recover(f -> f instanceof AlreadyApproved ? Future.succeededFuture() : Future.failedFuture(f))
      .compose(v -> store.get(payoutId)).map(PayoutStore::view);
  }

  /** An approval repeated (a double click, a retried request): it answers the payout as it stands. */
  private Future<Boolean> alreadyApproved(String payoutId) {
    return store.get(payoutId).map(p -> p != null && p.getString("paymentId") != null
      && Set.of("PROCESSING", "PAID", "FAILED").contains(p.getString("status")));
  }

  /** The approval was already made: nothing more to do than answer. */
  private static final class AlreadyApproved extends RuntimeException {
    AlreadyApproved() {
      super("already approved", null, false, false);
    }
  }
}
