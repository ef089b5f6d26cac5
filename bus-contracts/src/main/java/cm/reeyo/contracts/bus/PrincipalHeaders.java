package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.ServicePrincipal;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** The only code that writes or reads the principal headers ({@link Principal#HEADER_ID}, {@link Principal#HEADER_ROLE}). */
public final class PrincipalHeaders {

  private PrincipalHeaders() {
  }

  /** The principal named by the headers; empty when absent, blank or of an unknown role. */
  public static Optional<Principal> read(MultiMap headers) {
    String id = headers.get(Principal.HEADER_ID);
    String role = headers.get(Principal.HEADER_ROLE);
    if (id == null || id.isBlank() || role == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Principal(id, Role.valueOf(role)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static DeliveryOptions write(DeliveryOptions options, Principal principal) {
    return principal == null ? options
      : options.addHeader(Principal.HEADER_ID, principal.id()).addHeader(Principal.HEADER_ROLE, principal.role().name());
  }

  /** The service account named by the headers ({@link ServicePrincipal}, set by the TCP bridge), if any. */
  public static Optional<String> service(MultiMap headers) {
    String id = headers.get(Principal.HEADER_ID);
    return ServicePrincipal.isService(headers.get(Principal.HEADER_ROLE), id) ? Optional.of(id) : Optional.empty();
  }

  /** The headers of a TCP bridge frame sent by service account {@code accountId}, replacing what the client sent. */
  public static JsonObject serviceFrame(String accountId) {
    return new JsonObject().put(Principal.HEADER_ID, accountId).put(Principal.HEADER_ROLE, ServicePrincipal.ROLE);
  }

  /** The headers of a bridge frame (SockJS or TCP), replacing whatever the client sent. */
  public static JsonObject frame(Principal principal) {
    return new JsonObject().put(Principal.HEADER_ID, principal.id()).put(Principal.HEADER_ROLE, principal.role().name());
  }
}
