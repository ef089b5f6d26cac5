package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * One request as a handler sees it: already authorized and checked against its contract's schema. {@code body} has
 * no null-valued fields (an absent optional field and an explicit null read the same).
 */
public record BusRequest(Contract contract, Optional<Principal> principal, JsonObject body) {

  /** The caller; UNAUTHORIZED when the request came without one (a service call). */
  public Principal caller() {
    return principal.orElseThrow(() -> ErrorCode.UNAUTHORIZED.exception("No principal on the request"));
  }
}
