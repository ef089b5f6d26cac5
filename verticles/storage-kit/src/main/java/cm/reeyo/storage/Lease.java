package cm.reeyo.storage;

import io.vertx.core.Future;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A cluster-wide lease in DynamoDB: at most one holder at a time for {@code name}. The holder renews it before it
 * expires; when the holder dies, the lease expires and the next {@link #acquire} by anyone takes it over. Clocks of
 * the nodes are assumed within a second or two of each other (NTP), well under the lease's length.
 */
public final class Lease {

  private final Dynamo dynamo;
  private final String table;
  private final String name;
  private final String owner;
  private final long lengthMs;

  public Lease(Dynamo dynamo, String name, String owner, long lengthMs) {
    this.dynamo = dynamo;
    this.table = dynamo.table(CoreTables.LEASES);
    this.name = name;
    this.owner = owner;
    this.lengthMs = lengthMs;
  }

  /** Takes or renews the lease: true when this owner holds it for the next {@code lengthMs}. */
  public Future<Boolean> acquire() {
    long now = System.currentTimeMillis();
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("name", name))
        .updateExpression("SET #o = :me, expiresAt = :until")
        .conditionExpression("attribute_not_exists(#n) OR expiresAt < :now OR #o = :me")
        .expressionAttributeNames(Map.of("#o", "owner", "#n", "name"))
        .expressionAttributeValues(Map.of(":me", Items.s(owner), ":until", Items.n(now + lengthMs),
          ":now", Items.n(now)))))
      .map(ok -> true)
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(false) : Future.failedFuture(f));
  }

  /** Gives the lease up at once (a clean stop), if this owner holds it. */
  public Future<Void> release() {
    return dynamo.call(c -> c.deleteItem(b -> b.tableName(table).key(Items.key("name", name))
        .conditionExpression("#o = :me").expressionAttributeNames(Map.of("#o", "owner"))
        .expressionAttributeValues(Map.of(":me", Items.s(owner)))))
      .<Void>mapEmpty().otherwise(f -> null);
  }

  public String owner() {
    return owner;
  }
}
