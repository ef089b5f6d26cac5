package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

@DisplayName("The gateway locks per item: disjoint transactions overlap, conflicting ones serialize or cancel")
class ItemLockingTest {

  private static final String HOLD = "--fault-hold-max-ms";

  @Test
  @DisplayName("A transaction held open 5 s does not delay one on other items: the second commits first")
  void disjointTransactionsOverlap() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(HOLD, "10000")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      CompletableFuture<TransactWriteItemsResponse> held = held(client, 5000,
        List.of(setOwner(table, "a1", "A"), setOwner(table, "a2", "A")));
      awaitHeld(client, table, "a1");

      await(Tx.write(client, List.of(setOwner(table, "b1", "B"), setOwner(table, "b2", "B"))));

      assertThat(held).as("the held transaction is still open when the disjoint one committed").isNotDone();
      await(held);
      for (String pk : List.of("a1", "a2", "b1", "b2")) {
        assertThat(item(client, table, pk)).containsEntry("owner", s(pk.substring(0, 1).toUpperCase()));
      }
    }
  }

  @Test
  @DisplayName("With --global-lock (the former behaviour) the same disjoint transaction waits for the held one")
  void globalLockSerializesEverything() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(HOLD, "10000", "--global-lock")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      CompletableFuture<TransactWriteItemsResponse> held = held(client, 3000, List.of(setOwner(table, "a1", "A")));
      Thread.sleep(500);

      await(Tx.write(client, List.of(setOwner(table, "b1", "B"))));

      assertThat(held).as("the disjoint transaction could only run after the held one").isDone();
    }
  }

  @Test
  @DisplayName("A transaction on an item another one holds past --lock-wait-ms is cancelled: TransactionConflict on that item, None elsewhere, nothing written")
  void conflictCancels() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(HOLD, "10000", "--lock-wait-ms", "300")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      CompletableFuture<TransactWriteItemsResponse> held = held(client, 3000,
        List.of(setOwner(table, "shared", "A"), setOwner(table, "a1", "A")));
      awaitHeld(client, table, "shared");

      TransactionCanceledException error = failure(Tx.write(client,
        List.of(setOwner(table, "b1", "B"), setOwner(table, "shared", "B"))), TransactionCanceledException.class);

      assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
        .containsExactly("None", "TransactionConflict");
      await(held);
      assertThat(item(client, table, "shared")).containsEntry("owner", s("A"));
      assertThat(item(client, table, "a1")).containsEntry("owner", s("A"));
      assertThat(item(client, table, "b1")).as("the cancelled transaction wrote nothing").isNull();
    }
  }

  @Test
  @DisplayName("A plain write on an item a transaction holds answers TransactionConflictException; it succeeds once committed")
  void plainWriteConflicts() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(HOLD, "10000")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      CompletableFuture<TransactWriteItemsResponse> held = held(client, 2000, List.of(setOwner(table, "x", "A")));
      awaitHeld(client, table, "x");

      TransactionConflictException error = failure(client.putItem(b -> b.tableName(table)
        .item(Map.of("pk", s("x"), "owner", s("plain")))), TransactionConflictException.class);
      assertThat(error.statusCode()).isEqualTo(400);
      assertThat(item(client, table, "x")).as("nothing written by the refused put").containsEntry("owner", s("A"));

      await(held);
      await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("x"), "owner", s("plain")))));
      assertThat(item(client, table, "x")).containsEntry("owner", s("plain"));
    }
  }

  @Test
  @DisplayName("A GetItem during a held transaction that will be cancelled waits and sees the item as it was")
  void readerNeverSeesUncommittedWrite() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(HOLD, "10000")) {
      DynamoDbAsyncClient client = gateway.client();
      String table = Dynamo.newTable(client);
      await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("x"), "owner", s("before")))));
      await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("poor"), "balance", n(1)))));
      CompletableFuture<TransactWriteItemsResponse> held = held(client, 2000,
        List.of(setOwner(table, "x", "uncommitted"), Tx.debit(table, "poor", 5)));
      awaitHeld(client, table, "x");

      Map<String, AttributeValue> seen = item(client, table, "x");

      assertThat(seen).containsEntry("owner", s("before"));
      assertThat(failure(held, TransactionCanceledException.class).cancellationReasons())
        .extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed");
    }
  }

  @Test
  @DisplayName("Ten rounds of two transactions creating one key: exactly one commits, the other gets [ConditionalCheckFailed, None]")
  void conditionDecidesBetweenQueuedTransactions() {
    String table = Dynamo.newTable();
    for (int round = 0; round < 10; round++) {
      String pk = "order-" + round;
      List<CompletableFuture<Object>> both = new ArrayList<>();
      for (String who : List.of("first", "second")) {
        both.add(Tx.write(List.of(Tx.putIfAbsent(table, Map.of("pk", s(pk), "by", s(who))),
            Tx.put(table, Map.of("pk", s(pk + "-" + who)))))
          .handle((ok, error) -> error == null ? "committed" : Dynamo.unwrap(error)));
      }
      List<Object> outcomes = both.stream().map(CompletableFuture::join).toList();

      assertThat(outcomes).filteredOn("committed"::equals).hasSize(1);
      TransactionCanceledException loser = (TransactionCanceledException) outcomes.stream()
        .filter(o -> !"committed".equals(o)).findFirst().orElseThrow();
      assertThat(loser.cancellationReasons()).extracting(CancellationReason::code)
        .containsExactly("ConditionalCheckFailed", "None");
    }
  }

  private static TransactWriteItem setOwner(String table, String pk, String owner) {
    return TransactWriteItem.builder()
      .update(u -> u.tableName(table).key(key(pk)).updateExpression("SET #o = :o")
        .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s(owner))))
      .build();
  }

  /** Sends a transaction that the gateway keeps open (applied, locked, uncommitted) for {@code holdMs}. */
  static CompletableFuture<TransactWriteItemsResponse> held(DynamoDbAsyncClient client, long holdMs,
                                                           List<TransactWriteItem> items) {
    return client.transactWriteItems(b -> b.transactItems(items)
      .overrideConfiguration(o -> o.putHeader("x-reeyo-gateway-hold-ms", String.valueOf(holdMs))));
  }

  /** Waits until a transaction holds the item: a plain write on it then answers TransactionConflictException. */
  static void awaitHeld(DynamoDbAsyncClient client, String table, String pk) throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      Throwable error = client.updateItem(b -> b.tableName(table).key(key(pk)).updateExpression("SET probe = :p")
        .expressionAttributeValues(Map.of(":p", n(1)))).handle((ok, e) -> e).join();
      if (error != null && Dynamo.unwrap(error) instanceof TransactionConflictException) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no transaction came to hold " + pk);
  }

  static Map<String, AttributeValue> item(DynamoDbAsyncClient client, String table, String pk) {
    var response = await(client.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)));
    return response.hasItem() ? response.item() : null;
  }
}
