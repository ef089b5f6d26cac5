package cm.reeyo.identity;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import io.vertx.core.eventbus.ReplyException;
import cm.reeyo.contracts.Principal;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.TableSpec;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.geo.VendorIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.List;
import java.util.Map;

/**
 * What admins do to accounts: approve or reject vendors and riders (PENDING until approved; the order engine refuses
 * unapproved ones), suspend and reactivate any non-admin account. A suspension ends every session at once.
 */
public final class AccountAdmin {

  public enum Approval { PENDING, APPROVED, REJECTED }

  private final Dynamo dynamo;
  private final RedisAPI redis;
  private final Accounts accounts;
  private final Sessions sessions;
  private final VendorIndex vendorIndex;

  public AccountAdmin(Identity identity) {
    this.dynamo = identity.api().dynamo();
    this.redis = identity.api().redis().api();
    this.accounts = identity.accounts();
    this.sessions = identity.sessions();
    this.vendorIndex = new VendorIndex(redis, dynamo);
  }

  /** A page of vendors or riders, optionally only those with one approval status (newest first). */
  public Future<Page> list(AccountKind kind, Approval status, int limit, String cursor) {
    TableSpec table = CoreTables.VENDORS.equals(kind.table()) ? CoreTables.VENDORS_TABLE : CoreTables.RIDERS_TABLE;
    Map<String, AttributeValue> start;
    try {
      start = Cursors.decode(cursor, status == null ? CursorScope.scan(table)
        : CursorScope.query(table, "approval-status-index", status.name()));
    } catch (ReplyException e) {
      return Future.failedFuture(e);
    }
    if (status == null) {
      return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(kind.table())).limit(limit).exclusiveStartKey(start)))
        .map(r -> page(r.items(), r.lastEvaluatedKey()));
    }
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(kind.table())).indexName("approval-status-index")
        .keyConditionExpression("approvalStatus = :s").expressionAttributeValues(Map.of(":s", Items.s(status.name())))
        .scanIndexForward(false).limit(limit).exclusiveStartKey(start)))
      .map(r -> page(r.items(), r.lastEvaluatedKey()));
  }

  private static Page page(List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items,
                           Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> last) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(Accounts.publicView(Items.toJson(i))));
    return new Page(out, Cursors.encode(last));
  }

  /** Sets a vendor's or rider's approval status (APPROVED, or REJECTED with a reason). */
  public Future<JsonObject> decide(Principal admin, AccountKind kind, String id, Approval decision, String reason) {
    requireApprovable(kind);
    String now = Timestamps.now();
    JsonObject changes = new JsonObject().put("approvalStatus", decision.name())
      .put("approvalDecidedAt", now).put("approvalDecidedBy", admin.id());
    if (decision == Approval.REJECTED) {
      changes.put("rejectionReason", reason).put("isOnline", false);
    }
    return accounts.update(kind, id, changes).compose(account -> forget(kind, id, account).map(account));
  }

  /** Suspends (SUSPENDED, sessions ended, offline) or reactivates (ACTIVE) a customer, vendor or rider. */
  public Future<JsonObject> setStatus(Principal admin, AccountKind kind, String id, boolean suspend, String reason) {
    if (kind == AccountKind.ADMIN) {
      throw new IllegalArgumentException("admins are managed through configuration");
    }
    JsonObject changes = new JsonObject().put("status", suspend ? "SUSPENDED" : "ACTIVE")
      .put("statusChangedAt", Timestamps.now()).put("statusChangedBy", admin.id());
    if (suspend) {
      changes.put("suspensionReason", reason);
      if (kind.needsApproval()) {
        changes.put("isOnline", false);
      }
    }
    Future<JsonObject> updated = accounts.update(kind, id, changes);
    return updated
      .compose(account -> suspend ? sessions.revokeAccount(id, null).map(account) : Future.succeededFuture(account))
      .compose(account -> forget(kind, id, account).map(account));
  }

  /** Drops the account's cached views; a vendor's new record goes to the geo index (listed only if approved and active). */
  private Future<Void> forget(AccountKind kind, String id, JsonObject account) {
    Future<Void> status = AccountSessionCheck.invalidate(redis, kind, id);
    return switch (kind) {
      case USER -> status.compose(v -> redis.del(List.of(RedisKeys.user(id)))).mapEmpty();
      case VENDOR -> status.compose(v -> redis.del(List.of(RedisKeys.vendor(id), RedisKeys.menu(id))))
        .compose(v -> vendorIndex.apply(account));
      default -> status;
    };
  }

  private static void requireApprovable(AccountKind kind) {
    if (!kind.needsApproval()) {
      throw new IllegalArgumentException(kind + " accounts need no approval");
    }
  }

  /** One page of a list and the cursor of the next (null at the end). */
  public record Page(JsonArray items, String nextCursor) {
  }
}
