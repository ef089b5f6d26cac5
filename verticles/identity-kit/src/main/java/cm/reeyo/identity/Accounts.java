package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The account records of the four roles (users, vendors, riders, admins tables). Fields follow the spec's data
 * model; identity adds {@code passwordHash}, {@code status} (ACTIVE | SUSPENDED), {@code isPhoneVerified},
 * {@code approvalStatus} (vendors and riders: PENDING | APPROVED | REJECTED) and {@code tokensValidAfter}
 * (epoch seconds: access tokens issued earlier stop working).
 */
public final class Accounts {

  public static final Set<String> PRIVATE_FIELDS = Set.of("passwordHash", "failedLogins", "lockedUntil", "tokensValidAfter");

  private final Dynamo dynamo;

  public Accounts(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  /** Stores a new account (id generated unless given) with ACTIVE status; answers the stored record. */
  public Future<JsonObject> create(AccountKind kind, JsonObject fields) {
    Instant now = Instant.now();
    JsonObject account = new JsonObject()
      .put(kind.idField(), Ids.next(kind.idPrefix()))
      .put("status", "ACTIVE")
      .put("isPhoneVerified", false)
      .put("createdAt", now.toString())
      .put("updatedAt", now.toString())
      .put("tokensValidAfter", 0L);
    if (kind.needsApproval()) {
      account.put("approvalStatus", "PENDING").put("isOnline", false);
    }
    account.mergeIn(fields);
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(kind.table()))
        .item(Items.toItem(account))
        .conditionExpression("attribute_not_exists(#id)")
        .expressionAttributeNames(Map.of("#id", kind.idField()))))
      .map(ok -> account);
  }

  /** The account, or a NOT_FOUND failure. */
  public Future<JsonObject> get(AccountKind kind, String id) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(kind.table()))
        .key(Items.key(kind.idField(), id)).consistentRead(true)))
      .compose(r -> r.hasItem() && !r.item().isEmpty()
        ? Future.succeededFuture(Items.toJson(r.item()))
        : Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such account")));
  }

  /** The account without the fields no client ever sees. */
  public static JsonObject publicView(JsonObject account) {
    JsonObject view = account.copy();
    PRIVATE_FIELDS.forEach(view::remove);
    return view;
  }
}
