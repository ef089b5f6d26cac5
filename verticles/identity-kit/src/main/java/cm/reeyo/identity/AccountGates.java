package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The account conditions other domains enforce (the order engine, for instance): suspended accounts do nothing, a
 * customer must have verified the phone to order (PHONE_NOT_VERIFIED), a vendor or rider must be APPROVED to go
 * online or receive orders (NOT_APPROVED). Failures are coded bus failures, so they work on the bus and over HTTP.
 */
public final class AccountGates {

  private AccountGates() {
  }

  /** May this customer place orders? */
  public static Future<Void> canOrder(JsonObject user) {
    return active(user).compose(v -> user.getBoolean("isPhoneVerified", false) ? Future.succeededFuture()
      : Future.failedFuture(ErrorCode.PHONE_NOT_VERIFIED.exception("Verify your phone number before ordering")));
  }

  /** May this vendor or rider go online and receive orders? */
  public static Future<Void> canWork(JsonObject vendorOrRider) {
    return active(vendorOrRider).compose(v -> "APPROVED".equals(vendorOrRider.getString("approvalStatus"))
      ? Future.succeededFuture()
      : Future.failedFuture(ErrorCode.NOT_APPROVED.exception("This account is not approved yet")));
  }

  private static Future<Void> active(JsonObject account) {
    return account != null && "ACTIVE".equals(account.getString("status", "ACTIVE")) ? Future.succeededFuture()
      : Future.failedFuture(ErrorCode.ACCOUNT_SUSPENDED.exception("This account is suspended"));
  }
}
