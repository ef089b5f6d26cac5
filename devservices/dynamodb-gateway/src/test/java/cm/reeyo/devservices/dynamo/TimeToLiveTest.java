package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@DisplayName("UpdateTimeToLive and DescribeTimeToLive answer as DynamoDB does")
class TimeToLiveTest {

  @Test
  @DisplayName("TTL starts DISABLED, is ENABLED with its attribute after UpdateTimeToLive, and can be disabled again")
  void enableAndDisable() {
    String table = Dynamo.newTable();
    assertThat(describe(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);

    var updated = await(CLIENT.updateTimeToLive(b -> b.tableName(table)
      .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))));
    assertThat(updated.timeToLiveSpecification().enabled()).isTrue();
    assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt");
    assertThat(describe(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(describe(table).attributeName()).isEqualTo("expiresAt");

    await(CLIENT.updateTimeToLive(b -> b.tableName(table)
      .timeToLiveSpecification(s -> s.enabled(false).attributeName("expiresAt"))));
    assertThat(describe(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
  }

  @Test
  @DisplayName("Enabling TTL twice is a ValidationException, as in DynamoDB")
  void enableTwice() {
    String table = Dynamo.newTable();
    await(CLIENT.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("e"))));

    DynamoDbException error = failure(CLIENT.updateTimeToLive(b -> b.tableName(table)
      .timeToLiveSpecification(s -> s.enabled(true).attributeName("e"))), DynamoDbException.class);

    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(error.getMessage()).contains("TimeToLive is already enabled");
  }

  @Test
  @DisplayName("TTL operations on a missing table answer ResourceNotFoundException")
  void missingTable() {
    failure(CLIENT.describeTimeToLive(b -> b.tableName("no_such_table")), ResourceNotFoundException.class);
    failure(CLIENT.updateTimeToLive(b -> b.tableName("no_such_table")
      .timeToLiveSpecification(s -> s.enabled(true).attributeName("e"))), ResourceNotFoundException.class);
  }

  @Test
  @DisplayName("Expired items are deleted in the background, two per sweep, index entries too; future, text, missing and >5-year-old TTLs stay")
  void expiredItemsAreSwept() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start("--ttl-sweep-ms", "100", "--ttl-sweep-batch", "2")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      await(client.updateTimeToLive(b -> b.tableName(table)
        .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt"))));
      long now = Instant.now().getEpochSecond();
      for (int i = 0; i < 7; i++) {
        put(client, table, Map.of("pk", s("expired-" + i), "owner", s("ann"), "expiresAt", n(now - 60 - i)));
      }
      put(client, table, Map.of("pk", s("future"), "owner", s("ann"), "expiresAt", n(now + 3600)));
      put(client, table, Map.of("pk", s("text"), "owner", s("ann"), "expiresAt", s(String.valueOf(now - 60))));
      put(client, table, Map.of("pk", s("none"), "owner", s("ann")));
      put(client, table, Map.of("pk", s("ancient"), "owner", s("ann"), "expiresAt", n(now - 6L * 365 * 24 * 3600)));

      Set<String> left = Set.of();
      for (int round = 0; round < 300; round++) {
        left = await(client.scan(b -> b.tableName(table).consistentRead(true))).items().stream()
          .map(item -> item.get("pk").s()).collect(Collectors.toSet());
        if (left.size() <= 4) {
          break;
        }
        Thread.sleep(100);
      }

      assertThat(left).containsExactlyInAnyOrder("future", "text", "none", "ancient");
      assertThat(await(client.query(b -> b.tableName(table).indexName("byOwner").keyConditionExpression("#o = :o")
          .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("ann"))))).count())
        .as("index entries of swept items are gone too").isEqualTo(4);
    }
  }

  private static void put(DynamoDbAsyncClient client, String table, Map<String, AttributeValue> item) {
    await(client.putItem(b -> b.tableName(table).item(item)));
  }

  private static TimeToLiveDescription describe(String table) {
    return await(CLIENT.describeTimeToLive(b -> b.tableName(table))).timeToLiveDescription();
  }
}
