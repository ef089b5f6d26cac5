package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonObject;


/** Checks of request fields beyond their schema (blank strings, whole XAF within bounds). */
final class Fields {

  private Fields() {
  }

  static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " is required");
    }
    return s;
  }

  static long amount(JsonObject body, String field, long min) {
    Object v = body.getValue(field);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
      || n.longValue() > 100_000_000L) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " must be a whole number of XAF from " + min);
    }
    return n.longValue();
  }
}
