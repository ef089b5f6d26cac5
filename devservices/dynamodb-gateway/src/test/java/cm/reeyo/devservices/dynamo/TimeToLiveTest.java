package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

  private static TimeToLiveDescription describe(String table) {
    return await(CLIENT.describeTimeToLive(b -> b.tableName(table))).timeToLiveDescription();
  }
}
