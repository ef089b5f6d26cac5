package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * A promo discount as a settlement sees it ({@code discount}, {@code discountFundedBy}, {@code promoCode} of the
 * settle body). The customer paid {@code subtotal + fee + tip − discount}. PLATFORM-funded: the vendor and the
 * commission are computed on the full subtotal (the vendor loses nothing) and the platform's promotions account
 * ({@link Account#promotions()}) is debited the discount: an expense entry, so the transfer still sums to zero.
 * VENDOR-funded: the 85/15 split applies to the discounted subtotal (the vendor bears 85 % of the discount, the
 * platform's commission shrinks by the other 15 %), no promotions entry.
 */
record Discount(long amount, String fundedBy, String code) {

  static Discount of(JsonObject body, long subtotal) {
    long amount = body.getValue("discount") == null ? 0 : Fields.amount(body, "discount", 0);
    String fundedBy = body.getString("discountFundedBy");
    if (amount > subtotal) {
      throw ErrorCode.VALIDATION_FAILED.exception("discount may not exceed the subtotal");
    }
    if (amount > 0 && !"PLATFORM".equals(fundedBy) && !"VENDOR".equals(fundedBy)) {
      throw ErrorCode.VALIDATION_FAILED.exception("discountFundedBy must be PLATFORM or VENDOR");
    }
    return new Discount(amount, amount > 0 ? fundedBy : null, body.getString("promoCode", ""));
  }

  boolean platformFunded() {
    return amount > 0 && "PLATFORM".equals(fundedBy);
  }

  /** The subtotal the commission is taken on. */
  long commissionedSubtotal(long subtotal) {
    return amount > 0 && "VENDOR".equals(fundedBy) ? subtotal - amount : subtotal;
  }

  /** Adds the discount to the transfer's request (so a replay with another discount is a reuse). */
  void describe(JsonObject request) {
    if (amount > 0) {
      request.put("discount", amount).put("discountFundedBy", fundedBy);
    }
  }
}
