package cm.reeyo.notifier;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Push tokens registered per account (DynamoDB {@code devices}: accountId + token, with role and platform). */
public final class Devices {

  /** Platforms SNS reaches: APNs for iOS, FCM for Android. */
  public enum Platform { IOS, ANDROID }

  private final Dynamo dynamo;
  private final String table;

  public Devices(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(NotifierTables.DEVICES);
  }

  /** Registers (or refreshes) a device; the same token twice is one device. */
  public Future<JsonObject> register(String accountId, String role, Platform platform, String token) {
    JsonObject device = new JsonObject().put("accountId", accountId).put("token", token).put("role", role)
      .put("platform", platform.name()).put("updatedAt", Timestamps.now());
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(Items.toItem(device)))).map(ok -> device);
  }

  /** Every device of an account (an account has a handful at most). */
  public Future<List<JsonObject>> of(String accountId) {
    return dynamo.call(c -> c.query(b -> b.tableName(table).keyConditionExpression("accountId = :a")
        .expressionAttributeValues(Map.of(":a", Items.s(accountId))).consistentRead(true)))
      .map(r -> r.items().stream().map(Items::toJson).toList());
  }

  /** Forgets a token the push service declared dead. */
  public Future<Void> remove(String accountId, String token) {
    return dynamo.call(c -> c.deleteItem(b -> b.tableName(table)
      .key(Map.of("accountId", Items.s(accountId), "token", Items.s(token))))).mapEmpty();
  }
}
