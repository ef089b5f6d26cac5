package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.key;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Builders for TransactWriteItems actions used by the tests. */
final class Tx {

  private Tx() {
  }

  static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
  }

  static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
      .conditionExpression("attribute_not_exists(pk)").build()).build();
  }

  /** SET balance = balance - :a if balance >= :a, returning the old item when the condition fails. */
  static TransactWriteItem debit(String table, String pk, long amount) {
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
      .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
      .expressionAttributeValues(Map.of(":a", Dynamo.n(amount)))
      .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
  }

  static TransactWriteItem update(String table, String pk, String expression, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
      .updateExpression(expression).expressionAttributeValues(values).build()).build();
  }

  static TransactWriteItem delete(String table, String pk) {
    return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk)).build()).build();
  }

  static TransactWriteItem check(String table, String pk, String condition) {
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(pk))
      .conditionExpression(condition).build()).build();
  }

  static CompletableFuture<TransactWriteItemsResponse> write(DynamoDbAsyncClient client, List<TransactWriteItem> items) {
    return client.transactWriteItems(b -> b.transactItems(items));
  }

  static CompletableFuture<TransactWriteItemsResponse> write(List<TransactWriteItem> items) {
    return write(Dynamo.CLIENT, items);
  }
}
