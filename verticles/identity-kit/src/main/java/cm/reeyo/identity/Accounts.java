package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account records of the four roles (users, vendors, riders, admins tables). Fields follow the spec's data
 * model; identity adds {@code passwordHash}, {@code status} (ACTIVE | SUSPENDED), {@code isPhoneVerified},
 * {@code approvalStatus} (vendors and riders: PENDING | APPROVED | REJECTED) and {@code tokensValidAfter}
 * (epoch seconds: access tokens issued earlier stop working).
 *
 * <p>Phone and e-mail are unique per role: {@link #register} writes the account together with one guard item per
 * contact in the {@code uniques} table, in one transaction. {@link #create} is the low-level write used by test
 * fixtures of other domains: no guard items.
 */
public final class Accounts {

  public static final Set<String> PRIVATE_FIELDS = Set.of("passwordHash", "failedLogins", "lockedUntil", "tokensValidAfter",
    "passwordChangedAt", "demo", "ratingSum", "statusChangedBy", "approvalDecidedBy");

  private final Dynamo dynamo;

  public Accounts(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  /** Stores a new account (id generated unless given) with ACTIVE status; answers the stored record. */
  public Future<JsonObject> create(AccountKind kind, JsonObject fields) {
    JsonObject account = newRecord(kind, fields);
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(kind.table()))
        .item(Items.toItem(account))
        .conditionExpression("attribute_not_exists(#id)")
        .expressionAttributeNames(Map.of("#id", kind.idField()))))
      .map(ok -> account);
  }

  /**
   * Stores a new account like {@link #create}, and claims its phone and e-mail for this role in the same
   * transaction: ALREADY_EXISTS (naming the field) when either is taken or the id exists.
   */
  public Future<JsonObject> register(AccountKind kind, JsonObject fields) {
    JsonObject account = newRecord(kind, fields);
    String id = account.getString(kind.idField());
    List<TransactWriteItem> writes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(dynamo.table(kind.table())).item(Items.toItem(account))
      .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", kind.idField()))).build());
    labels.add("id");
    for (String field : List.of("phone", "email")) {
      String value = account.getString(field);
      if (value != null) {
        JsonObject guard = new JsonObject().put("key", uniqueKey(kind, field, value)).put("accountId", id);
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(dynamo.table(IdentityTables.UNIQUES))
          .item(Items.toItem(guard)).conditionExpression("attribute_not_exists(#k)")
          .expressionAttributeNames(Map.of("#k", "key"))).build());
        labels.add(field);
      }
    }
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(writes)))
      .map(ok -> account)
      .recover(failure -> Future.failedFuture(conflict(Failures.cause(failure), labels)));
  }

  private static Throwable conflict(Throwable failure, List<String> labels) {
    if (failure instanceof TransactionCanceledException canceled && canceled.hasCancellationReasons()) {
      for (int i = 0; i < canceled.cancellationReasons().size() && i < labels.size(); i++) {
        if ("ConditionalCheckFailed".equals(canceled.cancellationReasons().get(i).code())) {
          return ErrorCode.ALREADY_EXISTS.exception("An account with this " + labels.get(i) + " already exists");
        }
      }
    }
    return failure;
  }

  static String uniqueKey(AccountKind kind, String field, String value) {
    return kind.name() + "#" + field + "#" + value;
  }

  /** A new account record (not stored): generated id, ACTIVE, unverified, timestamps, then {@code fields}. */
  JsonObject newAccount(AccountKind kind, JsonObject fields) {
    return newRecord(kind, fields);
  }

  private static JsonObject newRecord(AccountKind kind, JsonObject fields) {
    Instant now = Instant.now();
    JsonObject account = new JsonObject()
      .put(kind.idField(), Ids.next(kind.idPrefix()))
      .put("status", "ACTIVE")
      .put("isPhoneVerified", false)
      .put("createdAt", Timestamps.format(now))
      .put("updatedAt", Timestamps.format(now))
      .put("tokensValidAfter", 0L);
    if (kind.needsApproval()) {
      account.put("approvalStatus", "PENDING").put("isOnline", false);
    }
    return account.mergeIn(fields);
  }

  /** The account, or a NOT_FOUND failure. */
  public Future<JsonObject> get(AccountKind kind, String id) {
    return find(kind, id).compose(found -> found
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such account"))));
  }

  /** The account if it exists (strongly consistent read). */
  public Future<Optional<JsonObject>> find(AccountKind kind, String id) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(kind.table()))
        .key(Items.key(kind.idField(), id)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Optional.of(Items.toJson(r.item())) : Optional.empty());
  }

  /** The account holding this E.164 phone number in this role (phone-index). */
  public Future<Optional<JsonObject>> byPhone(AccountKind kind, String phone) {
    return byIndex(kind, "phone-index", "phone", phone);
  }

  /** The account holding this (lower-case) e-mail address in this role (email-index). */
  public Future<Optional<JsonObject>> byEmail(AccountKind kind, String email) {
    return byIndex(kind, "email-index", "email", email);
  }

  private Future<Optional<JsonObject>> byIndex(AccountKind kind, String index, String field, String value) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(kind.table())).indexName(index)
        .keyConditionExpression("#f = :v").expressionAttributeNames(Map.of("#f", field))
        .expressionAttributeValues(Map.of(":v", Items.s(value))).limit(2)))
      .map(r -> r.items().stream().findFirst().map(Items::toJson));
  }

  /**
   * Sets the given attributes on an existing account (and {@code updatedAt}); answers the updated record.
   * {@code condition} (may be null) is an extra condition on the record's current attributes, named
   * {@code #c0..} / {@code :c0..} by the caller through {@code names} and {@code values}.
   */
  public Future<JsonObject> update(AccountKind kind, String id, JsonObject changes, String condition,
                                   Map<String, String> names, Map<String, AttributeValue> values) {
    JsonObject set = changes.copy().put("updatedAt", Timestamps.now());
    Map<String, String> attrNames = new java.util.HashMap<>(names == null ? Map.of() : names);
    Map<String, AttributeValue> attrValues = new java.util.HashMap<>(values == null ? Map.of() : values);
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (String field : set.fieldNames()) {
      attrNames.put("#u" + i, field);
      attrValues.put(":u" + i, Items.value(set.getValue(field)));
      parts.add("#u" + i + " = :u" + i);
      i++;
    }
    attrNames.put("#id", kind.idField());
    String cond = "attribute_exists(#id)" + (condition == null ? "" : " AND (" + condition + ")");
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(kind.table())).key(Items.key(kind.idField(), id))
        .updateExpression("SET " + String.join(", ", parts)).conditionExpression(cond)
        .expressionAttributeNames(attrNames).expressionAttributeValues(attrValues)
        .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)))
      .map(r -> Items.toJson(r.attributes()))
      .recover(failure -> Failures.cause(failure) instanceof ConditionalCheckFailedException
        ? find(kind, id).compose(found -> Future.failedFuture(found.isEmpty()
          ? ErrorCode.NOT_FOUND.exception("No such account")
          : ErrorCode.CONFLICT.exception("The account is not in a state that allows this change")))
        : Future.failedFuture(failure));
  }

  /** Shorthand for an unconditional {@link #update}. */
  public Future<JsonObject> update(AccountKind kind, String id, JsonObject changes) {
    return update(kind, id, changes, null, null, null);
  }

  /** The account without the fields no client ever sees. */
  public static JsonObject publicView(JsonObject account) {
    JsonObject view = account.copy();
    PRIVATE_FIELDS.forEach(view::remove);
    return view;
  }
}
