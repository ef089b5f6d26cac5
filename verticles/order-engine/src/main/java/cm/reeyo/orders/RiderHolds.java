package cm.reeyo.orders;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A rider's hold on the one order they carry: {@code activeOrderId} on the rider's item in the riders table. Taken
 * and released only as actions of the transaction that changes the order, so DynamoDB alone decides whether a rider
 * is free (the Redis busy set is a cache of it).
 */
final class RiderHolds {

  private final String table;

  RiderHolds(Dynamo dynamo) {
    this.table = dynamo.table(CoreTables.RIDERS);
  }

  /** Sets the hold; the condition fails when the rider already holds an order (or does not exist). */
  TransactWriteItem take(String riderId, String orderId) {
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("riderId", riderId))
      .updateExpression("SET activeOrderId = :o, activeSince = :now")
      .conditionExpression("attribute_exists(riderId) AND attribute_not_exists(activeOrderId)")
      .expressionAttributeValues(Map.of(":o", Items.s(orderId), ":now", Items.s(Instant.now().toString())))
      .build()).build();
  }

  /**
   * Drops the hold; the condition fails unless the rider holds exactly {@code orderId}. A delivery also counts on the
   * rider's {@code totalDeliveries} (here, since a transaction may touch the rider's item only once).
   */
  TransactWriteItem release(String riderId, String orderId, boolean delivered) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":o", Items.s(orderId)));
    String expression = "REMOVE activeOrderId, activeSince";
    if (delivered) {
      values.put(":one", Items.n(1));
      expression += " ADD totalDeliveries :one";
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("riderId", riderId))
      .updateExpression(expression).conditionExpression("activeOrderId = :o").expressionAttributeValues(values)
      .build()).build();
  }

  /** A delivery's count on a rider who no longer holds the order (the hold was already released). */
  TransactWriteItem countDelivery(String riderId) {
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("riderId", riderId))
      .updateExpression("ADD totalDeliveries :one").expressionAttributeValues(Map.of(":one", Items.n(1)))
      .build()).build();
  }
}
