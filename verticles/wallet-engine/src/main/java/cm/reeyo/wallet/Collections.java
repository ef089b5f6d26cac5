package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Campay collections: a customer's wallet top-up and a mobile-money order payment. The payment record is
 * written first (PENDING, id derived from the idempotency key so a retry finds it), then Campay is asked; money
 * moves only when a confirmation arrives ({@link Confirmations}).
 */
final class Collections {

  private static final Logger LOG = LoggerFactory.getLogger(Collections.class);

  private final Payments payments;
  private final CampayClient campay;
  private final AuditLog audit;

  Collections(Payments payments, CampayClient campay, AuditLog audit) {
    this.payments = payments;
    this.campay = campay;
    this.audit = audit;
  }

  Future<JsonObject> topup(Principal caller, JsonObject body) {
    if (!caller.is(Role.USER)) {
      throw ErrorCode.FORBIDDEN.exception("Only customers top up a wallet");
    }
    long amount = Fields.amount(body, "amount", 100);
    String phone = Fields.text(body, "phone");
    String key = body.getString("idempotencyKey");
    String paymentId = key == null ? Ids.next("pm") : "pm_" + Transfer.hash("topup|" + caller.id() + "|" + key).substring(0, 32);
    JsonObject record = new JsonObject().put("paymentId", paymentId).put("externalReference", paymentId)
      .put("purpose", "TOPUP").put("ownerId", caller.id()).put("ownerType", Role.USER.name())
      .put("amount", amount).put("phone", phone).put("requestHash", Transfer.hash(amount + "|" + phone));
    return start(record, "Reeyo wallet top-up", caller.id());
  }

  Future<JsonObject> forOrder(JsonObject body) {
    String orderId = Fields.text(body, "orderId");
    String userId = Fields.text(body, "userId");
    long amount = Fields.amount(body, "amount", 1);
    String phone = Fields.text(body, "phone");
    String attempt = body.getString("attempt", "1");
    String paymentId = "pm_" + Transfer.hash("order|" + orderId + "|" + attempt).substring(0, 32);
    JsonObject record = new JsonObject().put("paymentId", paymentId).put("externalReference", paymentId)
      .put("purpose", "ORDER").put("orderId", orderId).put("ownerId", userId).put("ownerType", Role.USER.name())
      .put("amount", amount).put("phone", phone).put("requestHash", Transfer.hash(orderId + "|" + amount + "|" + phone));
    return start(record, "Reeyo order " + orderId, userId);
  }

  private Future<JsonObject> start(JsonObject record, String description, String actorId) {
    return payments.create(record).compose(stored -> {
      if (!record.getString("requestHash").equals(stored.getString("requestHash"))) {
        return Future.failedFuture(ErrorCode.IDEMPOTENCY_KEY_REUSED.exception(
          "This key was already used for a different request"));
      }
      if (stored.getBoolean("existing") && stored.getString("reference") != null) {
        return Future.succeededFuture(Payments.view(stored).put("replayed", true));
      }
      return collect(stored, description, actorId);
    });
  }

  private Future<JsonObject> collect(JsonObject p, String description, String actorId) {
    String paymentId = p.getString("paymentId");
    return campay.collect(p.getLong("amount"), p.getString("phone"), description, paymentId)
      .recover(failure -> {
        if (failure instanceof CampayClient.Rejected) {
          return payments.markFailed(paymentId, "COLLECT_REFUSED").compose(v -> Future.failedFuture(
            ErrorCode.UNPROCESSABLE.exception("The mobile-money operator refused the payment request")));
        }
        LOG.warn("collection {} got no answer from Campay: {}", paymentId, failure.getMessage());
        return Future.failedFuture(ErrorCode.UPSTREAM_FAILED.exception("Mobile money is unavailable; try again"));
      })
      .compose(answer -> {
        String reference = answer.getString("reference");
        if (reference == null || reference.isBlank()) {
          return Future.failedFuture(ErrorCode.UPSTREAM_FAILED.exception("Campay answered without a reference"));
        }
        audit.record(AuditLog.Entry.of(actorId, "USER", "wallet.collect_started", paymentId, "SUCCESS")
          .detail("purpose=" + p.getString("purpose") + " amount=" + p.getLong("amount") + " XAF"));
        return payments.attachReference(paymentId, reference, answer)
          .map(v -> Payments.view(p.copy().put("reference", reference).put("ussdCode", answer.getString("ussd_code")))
            .put("operator", answer.getString("operator")).put("replayed", false));
      });
  }
}
