package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** The sender of a bus message, from the headers the bridge (or an API edge) sets; never from the body. */
final class BusPrincipal {

  private BusPrincipal() {
  }

  static Optional<Principal> of(Message<?> message) {
    String id = message.headers().get(Principal.HEADER_ID);
    String role = message.headers().get(Principal.HEADER_ROLE);
    if (id == null || role == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Principal(id, Role.valueOf(role)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The frame headers that replace whatever a client sent. */
  static JsonObject frameHeaders(Principal principal) {
    return new JsonObject().put(Principal.HEADER_ID, principal.id()).put(Principal.HEADER_ROLE, principal.role().name());
  }

  static DeliveryOptions options(Principal principal) {
    return new DeliveryOptions().addHeader(Principal.HEADER_ID, principal.id())
      .addHeader(Principal.HEADER_ROLE, principal.role().name());
  }
}
