package cm.reeyo.contracts.bus;

import io.vertx.core.json.JsonObject;

/**
 * Whether a request may be sent twice with the same effect as once, from a contract's {@code idempotent} field:
 * {@code true} (a read, always), the name of a body field (a write that is idempotent when the caller sends that
 * field, e.g. {@code "idempotencyKey"}: the callee answers a replay with the first outcome), or absent / {@code false}
 * (never: a retry could do the work twice). {@link BusClient} retries only idempotent requests on another instance.
 */
public record Idempotency(boolean always, String keyField) {

  public static final Idempotency NEVER = new Idempotency(false, null);
  public static final Idempotency ALWAYS = new Idempotency(true, null);

  static Idempotency fromJson(Object value) {
    if (Boolean.TRUE.equals(value)) {
      return ALWAYS;
    }
    if (value instanceof String field && !field.isBlank()) {
      return new Idempotency(false, field);
    }
    if (value == null || Boolean.FALSE.equals(value)) {
      return NEVER;
    }
    throw new IllegalArgumentException("idempotent must be true, false or a body field name: " + value);
  }

  /** Whether {@code body} may be retried. */
  public boolean covers(JsonObject body) {
    if (always) {
      return true;
    }
    return keyField != null && body != null && body.getValue(keyField) instanceof String key && !key.isBlank();
  }

  /** How the reference describes it. */
  public String describe() {
    return always ? "yes" : keyField != null ? "with `" + keyField + "`" : "no";
  }
}
