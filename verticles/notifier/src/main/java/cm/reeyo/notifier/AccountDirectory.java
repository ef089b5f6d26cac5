package cm.reeyo.notifier;

import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contact details of recipients, read from the account tables ({@code users}, {@code vendors}, {@code riders}):
 * phone, email, language (fr by default), firstName, phoneUnreachable. Also marks a phone unreachable after a
 * provider declared the number invalid.
 */
public final class AccountDirectory {

  private static final List<Role> KINDS = List.of(Role.USER, Role.VENDOR, Role.RIDER);

  private final Dynamo dynamo;

  public AccountDirectory(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  /** The account's record, or an empty object when it does not exist (the notifier then uses defaults). */
  public Future<JsonObject> get(Role role, String accountId) {
    if (accountId == null || table(role) == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(table(role))).key(Items.key(idField(role), accountId))))
      .map(r -> r.hasItem() ? Items.toJson(r.item()) : new JsonObject());
  }

  /** The role an account id belongs to, from its prefix ({@code user_}, {@code vendor_}, {@code rider_}), or null. */
  public static Role roleOf(String accountId) {
    if (accountId == null) {
      return null;
    }
    for (Role role : KINDS) {
      if (accountId.startsWith(role.name().toLowerCase() + "_")) {
        return role;
      }
    }
    return null;
  }

  /** Sets {@code phoneUnreachable: true} on the given account, or on every account holding that phone. */
  public Future<Void> markPhoneUnreachable(String accountId, String phone) {
    Role role = roleOf(accountId);
    if (role != null) {
      return markUnreachable(role, accountId);
    }
    List<Future<Void>> marks = new ArrayList<>();
    for (Role kind : KINDS) {
      marks.add(dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(table(kind))).indexName("phone-index")
          .keyConditionExpression("phone = :p").expressionAttributeValues(Map.of(":p", Items.s(phone)))))
        .compose(r -> Future.all(r.items().stream()
          .map(item -> markUnreachable(kind, item.get(idField(kind)).s())).toList()).mapEmpty()));
    }
    return Future.all(marks).mapEmpty();
  }

  private Future<Void> markUnreachable(Role role, String id) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(table(role))).key(Items.key(idField(role), id))
        .updateExpression("SET phoneUnreachable = :t").conditionExpression("attribute_exists(#id)")
        .expressionAttributeNames(Map.of("#id", idField(role)))
        .expressionAttributeValues(Map.of(":t", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true)))))
      .<Void>mapEmpty()
      .recover(f -> Future.succeededFuture());
  }

  static String table(Role role) {
    return switch (role) {
      case USER -> CoreTables.USERS;
      case VENDOR -> CoreTables.VENDORS;
      case RIDER -> CoreTables.RIDERS;
      default -> null;
    };
  }

  static String idField(Role role) {
    return role.name().toLowerCase() + "Id";
  }
}
