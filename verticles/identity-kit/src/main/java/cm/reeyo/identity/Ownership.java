package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import io.vertx.core.json.JsonObject;

/**
 * Ownership checks for routes that take an id. A caller reaches only what is theirs: {@link #requireSelf} for
 * account-scoped resources (403), {@link #requireParty} for records that name their parties (404, so a stranger
 * cannot even learn that the record exists). Admins pass both.
 */
public final class Ownership {

  private Ownership() {
  }

  /** The caller is the account {@code ownerId} (or an admin); FORBIDDEN otherwise. */
  public static void requireSelf(Principal principal, String ownerId) {
    if (principal.role() != Role.ADMIN && (ownerId == null || !ownerId.equals(principal.id()))) {
      throw new ApiError(ErrorCode.FORBIDDEN, "This resource belongs to another account");
    }
  }

  /**
   * The caller is a party of {@code record}: a customer its {@code userId}, a vendor its {@code vendorId}, a rider
   * its {@code riderId} (or an admin). NOT_FOUND otherwise.
   */
  public static JsonObject requireParty(Principal principal, JsonObject record) {
    if (!isParty(principal, record)) {
      throw new ApiError(ErrorCode.NOT_FOUND, "No such resource");
    }
    return record;
  }

  public static boolean isParty(Principal principal, JsonObject record) {
    if (principal.role() == Role.ADMIN) {
      return true;
    }
    String field = AccountKind.of(principal.role()).idField();
    return record != null && principal.id().equals(record.getString(field));
  }
}
