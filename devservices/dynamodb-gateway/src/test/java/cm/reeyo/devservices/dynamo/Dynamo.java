package cm.reeyo.devservices.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cm.reeyo.testkit.LocalDynamo;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Shared helpers for the gateway conformance tests: one client for the JVM's gateway, fresh tables. */
final class Dynamo {

  static final DynamoDbAsyncClient CLIENT = LocalDynamo.client();

  private Dynamo() {
  }

  /** A new table keyed by {@code pk} (string) with a GSI {@code byOwner} on {@code owner}/{@code pk}. */
  static String newTable(DynamoDbAsyncClient client) {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    await(client.createTable(b -> b.tableName(name)
      .billingMode(BillingMode.PAY_PER_REQUEST)
      .attributeDefinitions(
        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
        AttributeDefinition.builder().attributeName("owner").attributeType(ScalarAttributeType.S).build())
      .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
      .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
        .keySchema(KeySchemaElement.builder().attributeName("owner").keyType(KeyType.HASH).build(),
          KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build())));
    return name;
  }

  static String newTable() {
    return newTable(CLIENT);
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk));
  }

  static void put(String table, Map<String, AttributeValue> item) {
    await(CLIENT.putItem(b -> b.tableName(table).item(item)));
  }

  /** The stored item, or null. */
  static Map<String, AttributeValue> get(String table, String pk) {
    GetItemResponse response = await(CLIENT.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)));
    return response.hasItem() ? response.item() : null;
  }

  static long number(String table, String pk, String attribute) {
    Map<String, AttributeValue> item = get(table, pk);
    assertThat(item).as("item %s", pk).isNotNull();
    return Long.parseLong(item.get(attribute).n());
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
  }

  /** The SDK exception inside a CompletionException. */
  static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** The exception the future failed with (unwrapped); fails the test when it succeeded. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      assertThat(cause).isInstanceOf(type);
      return (E) cause;
    }
    return fail("expected " + type.getSimpleName() + " but the call succeeded");
  }
}
