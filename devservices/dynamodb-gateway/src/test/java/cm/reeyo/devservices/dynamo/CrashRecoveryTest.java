package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static cm.reeyo.devservices.dynamo.ItemLockingTest.awaitHeld;
import static cm.reeyo.devservices.dynamo.ItemLockingTest.held;
import static cm.reeyo.devservices.dynamo.ItemLockingTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

@DisplayName("The undo journal rolls back transactions interrupted by a crash")
class CrashRecoveryTest {

  @Test
  @DisplayName("kill -9 during two applied, uncommitted transactions on disjoint items: the restart restores both")
  void crashRollsBackEveryOpenTransaction() throws Exception {
    Path data = Files.createTempDirectory("reeyo-gateway-crash");
    String table;
    GatewayProcess first = GatewayProcess.start("--path", data.toString(), "--fault-hold-max-ms", "60000");
    DynamoDbAsyncClient client = first.client();
    table = Dynamo.newTable(client);
    await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "balance", n(10)))));
    await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("b"), "balance", n(20)))));
    held(client, 60_000, List.of(Tx.update(table, "a", "SET balance = :v", Map.of(":v", n(0))),
      Tx.put(table, Map.of("pk", s("a-entry")))));
    held(client, 60_000, List.of(Tx.update(table, "b", "SET balance = :v", Map.of(":v", n(0))),
      Tx.put(table, Map.of("pk", s("b-entry")))));
    awaitHeld(client, table, "a");
    awaitHeld(client, table, "b");
    Thread.sleep(1500);

    first.crash();
    try (GatewayProcess second = GatewayProcess.start("--path", data.toString())) {
      assertThat(item(second.client(), table, "a")).containsEntry("balance", n(10));
      assertThat(item(second.client(), table, "b")).containsEntry("balance", n(20));
      assertThat(item(second.client(), table, "a-entry")).isNull();
      assertThat(item(second.client(), table, "b-entry")).isNull();
      try (var journal = Files.list(data.resolve("gateway-undo"))) {
        assertThat(journal).as("journal files cleared after recovery").isEmpty();
      }
    }
  }
}
