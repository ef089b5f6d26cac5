package cm.reeyo.wallet;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Whether a payout goes to its owner's verified phone: the vendor's or rider's account (system of record, strongly
 * consistent read) must hold exactly this number with {@code isPhoneVerified}. A payout to any other number is kept
 * {@code toVerifiedPhone: false} and needs an admin's explicit {@code allowOtherPhone} to be approved.
 */
final class PayoutPhones {

  private final Dynamo dynamo;

  PayoutPhones(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  Future<Boolean> isOwnersVerifiedPhone(String ownerId, String ownerType, String phone) {
    String table = "RIDER".equals(ownerType) ? CoreTables.RIDERS : CoreTables.VENDORS;
    String key = "RIDER".equals(ownerType) ? "riderId" : "vendorId";
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(table)).key(Items.key(key, ownerId)).consistentRead(true)))
      .map(r -> {
        if (!r.hasItem() || r.item().isEmpty()) {
          return false;
        }
        JsonObject account = Items.toJson(r.item());
        return account.getBoolean("isPhoneVerified", false) && normalize(phone).equals(normalize(account.getString("phone")));
      });
  }

  /** {@code +237 6XX...}, {@code 2376XX...} and {@code +2376XX...} compare equal. */
  static String normalize(String phone) {
    if (phone == null) {
      return "";
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return "+" + digits;
  }
}
