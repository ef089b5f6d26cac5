package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Reads the account records identity owns (users, vendors, riders tables). A user is cached for an hour only
 * while verified and active, so a user who verifies their phone is never refused from a stale entry.
 */
final class AccountReader {

  private final Dynamo dynamo;
  private final Cache cache;

  AccountReader(Dynamo dynamo, Cache cache) {
    this.dynamo = dynamo;
    this.cache = cache;
  }

  /** A customer who may order: exists, ACTIVE, phone verified (403 PHONE_NOT_VERIFIED otherwise). */
  Future<JsonObject> orderingUser(String userId) {
    return cache.get(RedisKeys.user(userId), Cache.USER_TTL_SECONDS, JsonObject.class,
        () -> read(CoreTables.USERS, "userId", userId).map(u -> u != null && canOrder(u) ? slim(u) : null))
      .compose(cached -> cached != null ? Future.succeededFuture(cached) : read(CoreTables.USERS, "userId", userId))
      .compose(user -> {
        if (user == null) {
          return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such user"));
        }
        if (!"ACTIVE".equals(user.getString("status", "ACTIVE"))) {
          return Future.failedFuture(ErrorCode.ACCOUNT_SUSPENDED.exception("This account is suspended"));
        }
        if (!user.getBoolean("isPhoneVerified", false)) {
          return Future.failedFuture(ErrorCode.PHONE_NOT_VERIFIED.exception("Verify your phone number before ordering"));
        }
        return Future.succeededFuture(user);
      });
  }

  Future<JsonObject> vendor(String vendorId) {
    return read(CoreTables.VENDORS, "vendorId", vendorId);
  }

  Future<JsonObject> rider(String riderId) {
    return read(CoreTables.RIDERS, "riderId", riderId);
  }

  /** The record, or null. */
  Future<JsonObject> read(String table, String idField, String id) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(table)).key(Items.key(idField, id)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  static boolean canOrder(JsonObject user) {
    return "ACTIVE".equals(user.getString("status", "ACTIVE")) && user.getBoolean("isPhoneVerified", false);
  }

  static boolean approved(JsonObject account) {
    return account != null && "APPROVED".equals(account.getString("approvalStatus"))
      && "ACTIVE".equals(account.getString("status", "ACTIVE"));
  }

  /** What the engine needs of a user, without secrets. */
  private static JsonObject slim(JsonObject user) {
    JsonObject s = new JsonObject();
    for (String f : new String[]{"userId", "firstName", "lastName", "phone", "status", "isPhoneVerified"}) {
      if (user.containsKey(f)) {
        s.put(f, user.getValue(f));
      }
    }
    return s;
  }
}
