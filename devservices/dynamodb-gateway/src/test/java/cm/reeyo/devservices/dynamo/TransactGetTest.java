package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.put;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

@DisplayName("TransactGetItems reads several items of several tables as one snapshot")
class TransactGetTest {

  @Test
  @DisplayName("Items come back in request order, an absent item as an empty response, projections applied")
  void readsInOrder() {
    String users = Dynamo.newTable();
    String wallets = Dynamo.newTable();
    put(users, Map.of("pk", s("u1"), "name", s("Ama"), "phone", s("+237600000000")));
    put(wallets, Map.of("pk", s("u1"), "balance", n(1500)));

    var responses = await(CLIENT.transactGetItems(b -> b.transactItems(
      TransactGetItem.builder().get(g -> g.tableName(wallets).key(key("u1"))).build(),
      TransactGetItem.builder().get(g -> g.tableName(users).key(key("nobody"))).build(),
      TransactGetItem.builder().get(g -> g.tableName(users).key(key("u1")).projectionExpression("#n")
        .expressionAttributeNames(Map.of("#n", "name"))).build()))).responses();

    assertThat(responses).hasSize(3);
    assertThat(responses.get(0).item()).containsEntry("balance", n(1500));
    assertThat(responses.get(1).hasItem()).isFalse();
    assertThat(responses.get(2).item()).containsOnlyKeys("name");
  }

  @Test
  @DisplayName("The same item twice is a ValidationException; a missing table is ResourceNotFoundException")
  void validation() {
    String table = Dynamo.newTable();
    DynamoDbException twice = failure(CLIENT.transactGetItems(b -> b.transactItems(
      TransactGetItem.builder().get(g -> g.tableName(table).key(key("a"))).build(),
      TransactGetItem.builder().get(g -> g.tableName(table).key(key("a"))).build())), DynamoDbException.class);
    assertThat(twice.awsErrorDetails().errorCode()).isEqualTo("ValidationException");

    failure(CLIENT.transactGetItems(b -> b.transactItems(
      TransactGetItem.builder().get(g -> g.tableName("no_such_table").key(key("a"))).build())),
      ResourceNotFoundException.class);
  }
}
