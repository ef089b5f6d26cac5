package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.get;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

@DisplayName("Transaction requests are validated as DynamoDB validates them")
class TransactValidationTest {

  @Test
  @DisplayName("More than 100 actions is a ValidationException and nothing is written")
  void tooManyActions() {
    String table = Dynamo.newTable();
    List<TransactWriteItem> items = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      items.add(Tx.put(table, Map.of("pk", s("item-" + i))));
    }

    assertValidation(failure(Tx.write(items), DynamoDbException.class), "less than or equal to 100");
    assertThat(get(table, "item-0")).isNull();
  }

  @Test
  @DisplayName("Exactly 100 actions commit")
  void hundredActions() {
    String table = Dynamo.newTable();
    List<TransactWriteItem> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(Tx.put(table, Map.of("pk", s("item-" + i))));
    }

    Dynamo.await(Tx.write(items));
    assertThat(get(table, "item-99")).isNotNull();
  }

  @Test
  @DisplayName("Two actions on the same item (same key, also across Put and Update) is a ValidationException")
  void sameItemTwice() {
    String table = Dynamo.newTable();

    assertValidation(failure(Tx.write(List.of(
      Tx.put(table, Map.of("pk", s("a"), "v", n(1))),
      Tx.update(table, "a", "SET v = :v", Map.of(":v", n(2))))), DynamoDbException.class),
      "Transaction request cannot include multiple operations on one item");
    assertThat(get(table, "a")).isNull();
  }

  @Test
  @DisplayName("An empty action list is a ValidationException")
  void emptyList() {
    assertValidation(failure(Tx.write(List.of()), DynamoDbException.class), "greater than or equal to 1");
  }

  @Test
  @DisplayName("An action with two operations is a ValidationException")
  void twoOperationsInOneAction() {
    String table = Dynamo.newTable();
    TransactWriteItem both = TransactWriteItem.builder()
      .put(Put.builder().tableName(table).item(Map.of("pk", s("a"))).build())
      .delete(Delete.builder().tableName(table).key(key("b")).build())
      .build();

    assertValidation(failure(Tx.write(List.of(both)), DynamoDbException.class), "can only contain one of");
  }

  @Test
  @DisplayName("A Put whose item lacks the key is a ValidationException")
  void missingKey() {
    String table = Dynamo.newTable();

    assertValidation(failure(Tx.write(List.of(Tx.put(table, Map.of("other", s("x"))))), DynamoDbException.class),
      "Missing the key pk");
  }

  @Test
  @DisplayName("An action on a missing table is ResourceNotFoundException and the other actions are not applied")
  void missingTable() {
    String table = Dynamo.newTable();

    failure(Tx.write(List.of(Tx.put(table, Map.of("pk", s("a"))), Tx.put("no_such_table", Map.of("pk", s("a"))))),
      ResourceNotFoundException.class);
    assertThat(get(table, "a")).isNull();
  }

  private static void assertValidation(DynamoDbException error, String messagePart) {
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(error.awsErrorDetails().errorMessage()).contains(messagePart);
  }
}
