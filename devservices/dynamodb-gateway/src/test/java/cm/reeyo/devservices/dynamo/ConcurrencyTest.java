package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.number;
import static cm.reeyo.devservices.dynamo.Dynamo.put;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@DisplayName("Concurrent transactions are isolated and never half-applied")
class ConcurrencyTest {

  @Test
  @DisplayName("50 concurrent debits of 1 from a balance of 20, each with a ledger Put: exactly 20 commit")
  void fiftyDebitsOfTwenty() {
    String wallets = Dynamo.newTable();
    String ledger = Dynamo.newTable();
    put(wallets, Map.of("pk", s("wallet"), "balance", n(20)));

    List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
    ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 50; i++) {
      String entry = "entry-" + i;
      attempts.add(Tx.write(List.of(Tx.debit(wallets, "wallet", 1), Tx.put(ledger, Map.of("pk", s(entry)))))
        .handle((ok, error) -> {
          if (error == null) {
            return true;
          }
          TransactionCanceledException cancelled = (TransactionCanceledException) Dynamo.unwrap(error);
          cancelled.cancellationReasons().stream().map(CancellationReason::code).forEach(reasons::add);
          return false;
        }));
    }
    long committed = attempts.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();

    assertThat(committed).isEqualTo(20);
    assertThat(number(wallets, "wallet", "balance")).isZero();
    assertThat(await(CLIENT.scan(b -> b.tableName(ledger).consistentRead(true))).count()).isEqualTo(20);
    assertThat(reasons).containsOnly("ConditionalCheckFailed", "None").hasSize(60);
  }

  @Test
  @DisplayName("Two concurrent transactions creating the same key with attribute_not_exists: exactly one commits")
  void sameKeyCreatedOnce() {
    String table = Dynamo.newTable();
    String other = Dynamo.newTable();
    for (int round = 0; round < 10; round++) {
      String pk = "order-" + round;
      CompletableFuture<Boolean> first = Tx.write(List.of(
          Tx.putIfAbsent(table, Map.of("pk", s(pk), "by", s("first"))), Tx.put(other, Map.of("pk", s(pk + "-first")))))
        .handle((ok, error) -> error == null);
      CompletableFuture<Boolean> second = Tx.write(List.of(
          Tx.putIfAbsent(table, Map.of("pk", s(pk), "by", s("second"))), Tx.put(other, Map.of("pk", s(pk + "-second")))))
        .handle((ok, error) -> error == null);

      assertThat(List.of(first.join(), second.join())).containsExactlyInAnyOrder(true, false);
      String winner = Dynamo.get(table, pk).get("by").s();
      assertThat(Dynamo.get(other, pk + "-" + winner)).isNotNull();
      assertThat(Dynamo.get(other, pk + "-" + ("first".equals(winner) ? "second" : "first"))).isNull();
    }
  }

  @Test
  @DisplayName("Readers (BatchGetItem, TransactGetItems, Scan) never observe a half-applied transfer")
  void readersSeeWholeTransactions() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("a"), "balance", n(100)));
    put(table, Map.of("pk", s("b"), "balance", n(100)));
    AtomicBoolean transfersDone = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    ConcurrentLinkedQueue<Long> badSums = new ConcurrentLinkedQueue<>();

    List<CompletableFuture<?>> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      readers.add(readUntil(table, transfersDone, reads, badSums));
    }
    List<CompletableFuture<?>> chains = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      chains.add(transfers(table, c % 2 == 0, 10));
    }
    CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
      .whenComplete((ok, error) -> transfersDone.set(true)).join();
    CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).join();

    assertThat(reads.get()).as("reads interleaved with the transfers").isGreaterThan(20);
    assertThat(badSums).isEmpty();
    assertThat(number(table, "a", "balance") + number(table, "b", "balance")).isEqualTo(200);
  }

  /** {@code count} transfers of 7 between a and b, one after the other. */
  private static CompletableFuture<Void> transfers(String table, boolean aToB, int count) {
    if (count == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return Tx.write(List.of(
        Tx.update(table, aToB ? "a" : "b", "SET balance = balance - :x", Map.of(":x", n(7))),
        Tx.update(table, aToB ? "b" : "a", "SET balance = balance + :x", Map.of(":x", n(7)))))
      .thenCompose(ok -> transfers(table, aToB, count - 1));
  }

  private static CompletableFuture<Void> readUntil(String table, AtomicBoolean done, AtomicInteger reads,
                                                   ConcurrentLinkedQueue<Long> badSums) {
    if (done.get()) {
      return CompletableFuture.completedFuture(null);
    }
    int kind = reads.incrementAndGet() % 3;
    CompletableFuture<List<Map<String, AttributeValue>>> items = switch (kind) {
      case 0 -> CLIENT.batchGetItem(b -> b.requestItems(Map.of(table,
        KeysAndAttributes.builder().keys(key("a"), key("b")).consistentRead(true).build())))
        .thenApply(response -> response.responses().get(table));
      case 1 -> CLIENT.transactGetItems(b -> b.transactItems(
          TransactGetItem.builder().get(g -> g.tableName(table).key(key("a"))).build(),
          TransactGetItem.builder().get(g -> g.tableName(table).key(key("b"))).build()))
        .thenApply(response -> response.responses().stream().map(r -> r.item()).toList());
      default -> CLIENT.scan(b -> b.tableName(table).consistentRead(true)).thenApply(response -> response.items());
    };
    return items.thenCompose(list -> {
      long sum = list.stream().mapToLong(item -> Long.parseLong(item.get("balance").n())).sum();
      if (sum != 200) {
        badSums.add(sum);
      }
      return readUntil(table, done, reads, badSums);
    });
  }
}
