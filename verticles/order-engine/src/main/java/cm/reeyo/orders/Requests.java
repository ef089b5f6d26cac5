package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonObject;


/** Checks of request fields the schemas leave to the engine (bounds, blank strings). */
final class Requests {

  private Requests() {
  }

  static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " is required");
    }
    return s;
  }

  static int limit(JsonObject body) {
    Object v = body.getValue("limit");
    int limit = v instanceof Number n ? n.intValue() : 20;
    return Math.max(1, Math.min(100, limit));
  }
}
