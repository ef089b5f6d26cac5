package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.get;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.put;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

@DisplayName("Ordinary operations pass through the gateway to dynalite")
class PassThroughTest {

  @Test
  @DisplayName("CreateTable with a GSI is ACTIVE at once; Put, Get, Query on the GSI, Scan and Delete behave")
  void crudAndGsi() {
    String table = Dynamo.newTable();
    assertThat(await(CLIENT.describeTable(b -> b.tableName(table))).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);

    put(table, Map.of("pk", s("a"), "owner", s("ann"), "total", n(5)));
    put(table, Map.of("pk", s("b"), "owner", s("ann"), "total", n(7)));
    put(table, Map.of("pk", s("c"), "owner", s("bob"), "total", n(9)));

    assertThat(get(table, "b")).containsEntry("total", n(7));
    QueryResponse byAnn = await(CLIENT.query(b -> b.tableName(table).indexName("byOwner")
      .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
      .expressionAttributeValues(Map.of(":o", s("ann")))));
    assertThat(byAnn.items()).extracting(item -> item.get("pk").s()).containsExactly("a", "b");
    assertThat(await(CLIENT.scan(b -> b.tableName(table))).count()).isEqualTo(3);

    await(CLIENT.deleteItem(b -> b.tableName(table).key(key("a"))));
    assertThat(get(table, "a")).isNull();
    assertThat(await(CLIENT.scan(b -> b.tableName(table))).count()).isEqualTo(2);
  }

  @Test
  @DisplayName("A failing condition on a single write answers ConditionalCheckFailedException and writes nothing")
  void conditionalWrite() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("acct"), "balance", n(1)));

    ConditionalCheckFailedException error = failure(CLIENT.updateItem(b -> b.tableName(table).key(key("acct"))
      .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
      .expressionAttributeValues(Map.<String, AttributeValue>of(":a", n(2)))), ConditionalCheckFailedException.class);

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(get(table, "acct")).containsEntry("balance", n(1));
  }

  @Test
  @DisplayName("Operations on a missing table answer ResourceNotFoundException")
  void missingTable() {
    failure(CLIENT.getItem(b -> b.tableName("no_such_table").key(key("x"))), ResourceNotFoundException.class);
  }
}
