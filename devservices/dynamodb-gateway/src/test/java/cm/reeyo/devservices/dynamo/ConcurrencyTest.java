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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
  @DisplayName("BatchGetItem and Scan never observe a half-applied transaction")
  void plainReadersSeeWholeTransactions() {
    readersSeeWholeTransactions(0, 2);
  }

  @Test
  @DisplayName("TransactGetItems never observes a half-applied transaction")
  void transactionalReadersSeeWholeTransactions() {
    readersSeeWholeTransactions(1);
  }

  private void readersSeeWholeTransactions(int... readerKinds) {
    String table = Dynamo.newTable();
    for (int i = 0; i < ITEMS; i++) {
      put(table, Map.of("pk", s("item-" + i), "version", n(0)));
    }
    AtomicBoolean writesDone = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();

    List<CompletableFuture<?>> readers = new ArrayList<>();
    for (int kind : readerKinds) {
      readers.add(readUntil(table, kind, writesDone, reads, torn));
      readers.add(readUntil(table, kind, writesDone, reads, torn));
    }
    List<CompletableFuture<?>> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      writers.add(bumpAll(table, 8));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
      .whenComplete((ok, error) -> writesDone.set(true)).join();
    CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).join();

    assertThat(reads.get()).as("reads interleaved with the transactions").isGreaterThan(10);
    assertThat(torn).isEmpty();
    assertThat(number(table, "item-0", "version")).isEqualTo(24);
    assertThat(number(table, "item-" + (ITEMS - 1), "version")).isEqualTo(24);
  }

  private static final int ITEMS = 25;

  /** {@code count} transactions, one after the other, each adding 1 to the version of every item. */
  private static CompletableFuture<Void> bumpAll(String table, int count) {
    if (count == 0) {
      return CompletableFuture.completedFuture(null);
    }
    List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(Tx.update(table, "item-" + i, "ADD version :one", Map.of(":one", n(1))));
    }
    return Tx.write(items).thenCompose(ok -> bumpAll(table, count - 1));
  }

  /** Reads all items again and again (kind 0 BatchGetItem, 1 TransactGetItems, 2 Scan) until done. */
  private static CompletableFuture<Void> readUntil(String table, int kind, AtomicBoolean done, AtomicInteger reads,
                                                   ConcurrentLinkedQueue<String> torn) {
    if (done.get()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    List<TransactGetItem> gets = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      keys.add(key("item-" + i));
      gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(keys.get(keys.size() - 1))).build());
    }
    reads.incrementAndGet();
    CompletableFuture<List<Map<String, AttributeValue>>> items = switch (kind) {
      case 0 -> CLIENT.batchGetItem(b -> b.requestItems(Map.of(table,
          KeysAndAttributes.builder().keys(keys).consistentRead(true).build())))
        .thenApply(response -> response.responses().get(table));
      case 1 -> CLIENT.transactGetItems(b -> b.transactItems(gets))
        .thenApply(response -> response.responses().stream().map(r -> r.item()).toList());
      default -> CLIENT.scan(b -> b.tableName(table).consistentRead(true)).thenApply(response -> response.items());
    };
    return items.thenCompose(list -> {
      Set<String> versions = list.stream().map(item -> item.get("version").n()).collect(Collectors.toSet());
      if (list.size() != ITEMS || versions.size() != 1) {
        torn.add(kind + ": " + versions);
      }
      return readUntil(table, kind, done, reads, torn);
    });
  }
}
