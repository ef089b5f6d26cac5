package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Self-registration that an unverified stranger cannot block. A registration whose phone is taken by an account that
 * never verified it and is older than {@code identity.registration.unverifiedTtlSeconds} replaces that stale account:
 * one transaction deletes it (on condition that it is still unverified and unchanged), moves the phone guard (and the
 * e-mail guard, when the same address) to the new account, frees the stale account's other e-mail and writes the new
 * account. A verified or recent account still answers 409 ALREADY_EXISTS. The stale account's sessions are ended.
 */
final class Registrations {

  private final Dynamo dynamo;
  private final Accounts accounts;
  private final Sessions sessions;
  private final RegistrationPolicy policy;

  Registrations(Dynamo dynamo, Accounts accounts, Sessions sessions, RegistrationPolicy policy) {
    this.dynamo = dynamo;
    this.accounts = accounts;
    this.sessions = sessions;
    this.policy = policy;
  }

  /** The stored account; {@code replaced} names the stale account it replaced, if any. */
  record Registered(JsonObject account, String replaced) {
  }

  Future<Registered> register(AccountKind kind, JsonObject fields) {
    return accounts.register(kind, fields).map(account -> new Registered(account, null))
      .recover(failure -> ErrorCode.of(failure) == ErrorCode.ALREADY_EXISTS
        ? accounts.byPhone(kind, fields.getString("phone")).compose(holder -> stale(holder)
          .map(old -> replace(kind, fields, old))
          .orElseGet(() -> Future.failedFuture(failure)))
        : Future.failedFuture(failure));
  }

  private Optional<JsonObject> stale(Optional<JsonObject> holder) {
    String cutoff = Timestamps.format(Instant.now().minus(policy.unverifiedTtl()));
    return holder.filter(a -> !a.getBoolean("isPhoneVerified", false))
      .filter(a -> a.getString("createdAt", "").compareTo(cutoff) < 0);
  }

  private Future<Registered> replace(AccountKind kind, JsonObject fields, JsonObject old) {
    JsonObject account = accounts.newAccount(kind, fields);
    String id = account.getString(kind.idField());
    String oldId = old.getString(kind.idField());
    String uniques = dynamo.table(IdentityTables.UNIQUES);
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().delete(d -> d.tableName(dynamo.table(kind.table()))
      .key(Items.key(kind.idField(), oldId))
      .conditionExpression("isPhoneVerified = :no AND createdAt = :created")
      .expressionAttributeValues(Map.of(":no", Items.value(false), ":created", Items.s(old.getString("createdAt")))))
      .build());
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(dynamo.table(kind.table())).item(Items.toItem(account))
      .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", kind.idField()))).build());
    writes.add(moveGuard(uniques, Accounts.uniqueKey(kind, "phone", account.getString("phone")), oldId, id));
    String newEmail = account.getString("email");
    String oldEmail = old.getString("email");
    if (oldEmail != null && oldEmail.equals(newEmail)) {
      writes.add(moveGuard(uniques, Accounts.uniqueKey(kind, "email", newEmail), oldId, id));
    } else {
      if (oldEmail != null) {
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(uniques)
          .key(Items.key("key", Accounts.uniqueKey(kind, "email", oldEmail)))
          .conditionExpression("accountId = :old").expressionAttributeValues(Map.of(":old", Items.s(oldId)))).build());
      }
      if (newEmail != null) {
        JsonObject guard = new JsonObject().put("key", Accounts.uniqueKey(kind, "email", newEmail)).put("accountId", id);
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(uniques).item(Items.toItem(guard))
          .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", "key"))).build());
      }
    }
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(writes)))
      .recover(f -> Future.failedFuture(Failures.cause(f) instanceof TransactionCanceledException
        ? ErrorCode.ALREADY_EXISTS.exception("An account with this phone or email already exists") : f))
      .compose(ok -> sessions.revokeAccount(oldId, null).otherwiseEmpty())
      .map(v -> new Registered(account, oldId));
  }

  private static TransactWriteItem moveGuard(String table, String key, String oldId, String newId) {
    JsonObject guard = new JsonObject().put("key", key).put("accountId", newId);
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(Items.toItem(guard))
      .conditionExpression("accountId = :old").expressionAttributeValues(Map.of(":old", Items.s(oldId)))).build();
  }
}
