package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Campay's webhook, as forwarded by the user API, is only a trigger: the signature must verify with the webhook key
 * (with {@code exp} and claims naming this payment), the payment is found by our {@code external_reference} (else
 * Campay's {@code reference}) and both must agree with what we stored; then Campay's status endpoint is asked and
 * only its answer (status and amount, for our external reference) is applied. The body's status and amount move
 * nothing. Anything else is refused and changes nothing; repeats are harmless.
 */
final class Webhooks {

  private final WebhookVerifier verifier;
  private final Payments payments;
  private final Confirmations confirmations;
  private final CampayClient campay;
  private final AuditLog audit;

  Webhooks(WebhookVerifier verifier, Payments payments, Confirmations confirmations, CampayClient campay, AuditLog audit) {
    this.verifier = verifier;
    this.payments = payments;
    this.confirmations = confirmations;
    this.campay = campay;
    this.audit = audit;
  }

  Future<JsonObject> receive(JsonObject body) {
    String reference = str(body, "reference");
    String external = str(body, "external_reference");
    return verifier.verify(str(body, "signature"), reference, external)
      .recover(invalid -> refuse(ErrorCode.UNAUTHORIZED, "The webhook signature is not valid", reference))
      .compose(claims -> apply(body, reference, external, str(body, "status")));
  }

  private Future<JsonObject> apply(JsonObject body, String reference, String external, String status) {
    if (status == null || !(status.equals(Payments.SUCCESSFUL) || status.equals(Payments.FAILED)
      || status.equals(Payments.PENDING))) {
      return refuse(ErrorCode.VALIDATION_FAILED, "Unknown status", reference);
    }
    Future<JsonObject> found = external != null ? payments.get(external)
      : reference != null ? payments.byReference(reference) : Future.succeededFuture(null);
    return found.compose(p -> {
      if (p == null) {
        return refuse(ErrorCode.NOT_FOUND, "No such payment", reference);
      }
      if (reference != null && p.getString("reference") != null && !reference.equals(p.getString("reference"))) {
        return refuse(ErrorCode.UNPROCESSABLE, "The reference does not match the payment", reference);
      }
      String campayReference = p.getString("reference") != null ? p.getString("reference") : reference;
      if (campayReference == null) {
        return refuse(ErrorCode.UNPROCESSABLE, "No Campay reference to check the payment with", null);
      }
      return confirmed(p, campayReference)
        .compose(t -> attach(p, campayReference)
          .compose(v -> confirmations.apply(p, t.getString("status"), amount(t.getValue("amount")), "status check")));
    });
  }

  /** Campay's own word on the transaction; it must be about our payment (its external reference, when given). */
  private Future<JsonObject> confirmed(JsonObject p, String campayReference) {
    return campay.transaction(campayReference)
      .recover(f -> Future.failedFuture(ErrorCode.UPSTREAM_FAILED.exception("Campay could not confirm the payment; it will be checked again")))
      .compose(t -> {
        String theirs = str(t, "external_reference");
        if (theirs != null && !theirs.equals(p.getString("paymentId"))) {
          return refuse(ErrorCode.UNPROCESSABLE, "Campay's transaction is about another payment", campayReference);
        }
        return Future.succeededFuture(t);
      });
  }

  private Future<Void> attach(JsonObject p, String reference) {
    if (reference == null || p.getString("reference") != null) {
      return Future.succeededFuture();
    }
    return payments.attachReference(p.getString("paymentId"), reference, new JsonObject());
  }

  private <T> Future<T> refuse(ErrorCode code, String message, String reference) {
    audit.record(AuditLog.Entry.of("campay", "SYSTEM", "wallet.webhook_refused",
      reference == null ? "unknown" : reference, "DENIED").detail(message));
    return Future.failedFuture(code.exception(message));
  }

  /** Campay sends amounts as numbers or strings; anything not a whole number reads as null (no match). */
  static Long amount(Object value) {
    try {
      if (value instanceof Number n) {
        return n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : null;
      }
      if (value instanceof String s) {
        java.math.BigDecimal d = new java.math.BigDecimal(s.trim());
        return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  private static String str(JsonObject body, String field) {
    Object v = body.getValue(field);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }
}
