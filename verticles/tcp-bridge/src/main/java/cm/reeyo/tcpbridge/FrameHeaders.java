package cm.reeyo.tcpbridge;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Set;

/**
 * The headers a frame from a service carries onto the bus: the client's own headers as strings, without credentials,
 * without anything in the platform's reserved {@code x-reeyo-} space and without delivery knobs it must not turn
 * ({@code codecName}, {@code localOnly}); a {@code timeout} capped; then the service principal, set by the bridge.
 */
final class FrameHeaders {

  static final String RESERVED_PREFIX = "x-reeyo-";
  private static final Set<String> DROPPED = Set.of(ServiceAccounts.SERVICE_ID, ServiceAccounts.SERVICE_KEY,
    ServiceAccounts.TOKEN, "codecName", "localOnly");

  private FrameHeaders() {
  }

  static JsonObject forBus(JsonObject clientHeaders, ServiceAccount account, long maxTimeoutMs) {
    JsonObject out = new JsonObject();
    if (clientHeaders != null) {
      clientHeaders.forEach(e -> {
        String name = e.getKey();
        if (DROPPED.contains(name) || name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX) || e.getValue() == null) {
          return;
        }
        if ("timeout".equals(name)) {
          if (e.getValue() instanceof Number n && n.longValue() > 0) {
            out.put(name, Math.min(n.longValue(), maxTimeoutMs));
          }
          return;
        }
        out.put(name, String.valueOf(e.getValue()));
      });
    }
    return out.mergeIn(PrincipalHeaders.serviceFrame(account.id()));
  }

  /** The frame's headers with credentials removed (what a refused or control frame keeps). */
  static JsonObject withoutCredentials(JsonObject clientHeaders) {
    JsonObject out = clientHeaders == null ? new JsonObject() : clientHeaders.copy();
    DROPPED.forEach(out::remove);
    return out;
  }
}
