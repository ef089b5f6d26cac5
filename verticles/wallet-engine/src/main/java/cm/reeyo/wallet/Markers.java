package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.Map;

/**
 * Marker records in the idempotency table that make flows exclude each other inside the transaction:
 * {@code close#<orderId>} is written by whichever of settle and refund commits first, so the other fails
 * ALREADY_SETTLED, and a late mobile-money payment for a closed order goes to the customer's wallet instead.
 */
final class Markers {

  private Markers() {
  }

  static String close(String orderId) {
    return "close#" + orderId;
  }

  static String paid(String orderId) {
    return "pay#" + orderId;
  }

  static TransactWriteItem put(Dynamo dynamo, String key, Transfer t, Instant now) {
    JsonObject item = new JsonObject().put("key", key).put("transferId", t.transferId()).put("kind", t.kind())
      .put("createdAt", Timestamps.format(now));
    return TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(CoreTables.IDEMPOTENCY))
      .item(Items.toItem(item))
      .conditionExpression("attribute_not_exists(#k)")
      .expressionAttributeNames(Map.of("#k", "key")).build()).build();
  }

  static TransactWriteItem absent(Dynamo dynamo, String key) {
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
      .tableName(dynamo.table(CoreTables.IDEMPOTENCY))
      .key(Items.key("key", key))
      .conditionExpression("attribute_not_exists(#k)")
      .expressionAttributeNames(Map.of("#k", "key")).build()).build();
  }

  static Transfer closeOrder(Dynamo dynamo, Transfer t, String orderId, Instant now) {
    return t.extra("The order is already settled or refunded", put(dynamo, close(orderId), t, now),
      ErrorCode.ALREADY_SETTLED);
  }
}
