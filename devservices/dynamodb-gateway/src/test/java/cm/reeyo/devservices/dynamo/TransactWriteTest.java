package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.get;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.number;
import static cm.reeyo.devservices.dynamo.Dynamo.put;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@DisplayName("TransactWriteItems is all-or-nothing across items and tables")
class TransactWriteTest {

  @Test
  @DisplayName("Put, Update, Delete and ConditionCheck on two tables all apply when every condition holds")
  void commitAcrossTables() {
    String wallets = Dynamo.newTable();
    String ledger = Dynamo.newTable();
    put(wallets, Map.of("pk", s("alice"), "balance", n(100)));
    put(wallets, Map.of("pk", s("bob"), "balance", n(0)));
    put(ledger, Map.of("pk", s("old-entry")));

    await(Tx.write(List.of(
      Tx.debit(wallets, "alice", 30),
      Tx.update(wallets, "bob", "SET balance = balance + :a", Map.of(":a", n(30))),
      Tx.putIfAbsent(ledger, Map.of("pk", s("entry-1"), "amount", n(30))),
      Tx.delete(ledger, "old-entry"),
      Tx.check(wallets, "carol", "attribute_not_exists(pk)"))));

    assertThat(number(wallets, "alice", "balance")).isEqualTo(70);
    assertThat(number(wallets, "bob", "balance")).isEqualTo(30);
    assertThat(get(ledger, "entry-1")).containsEntry("amount", n(30));
    assertThat(get(ledger, "old-entry")).isNull();
    assertThat(get(wallets, "carol")).as("a ConditionCheck writes nothing").isNull();
  }

  @Test
  @DisplayName("One failing condition cancels everything: one reason per action, old item returned when asked")
  void cancelWritesNothing() {
    String wallets = Dynamo.newTable();
    String ledger = Dynamo.newTable();
    put(wallets, Map.of("pk", s("alice"), "balance", n(100)));
    put(wallets, Map.of("pk", s("bob"), "balance", n(5)));
    put(ledger, Map.of("pk", s("keep")));

    TransactionCanceledException error = failure(Tx.write(List.of(
      Tx.debit(wallets, "alice", 10),
      Tx.put(ledger, Map.of("pk", s("entry-1"))),
      Tx.delete(ledger, "keep"),
      Tx.debit(wallets, "bob", 10))), TransactionCanceledException.class);

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
      .containsExactly("None", "None", "None", "ConditionalCheckFailed");
    CancellationReason failed = error.cancellationReasons().get(3);
    assertThat(failed.message()).isEqualTo("The conditional request failed");
    assertThat(failed.item()).containsEntry("pk", s("bob")).containsEntry("balance", n(5));
    assertThat(error.getMessage()).contains("[None, None, None, ConditionalCheckFailed]");

    assertThat(number(wallets, "alice", "balance")).isEqualTo(100);
    assertThat(number(wallets, "bob", "balance")).isEqualTo(5);
    assertThat(get(ledger, "entry-1")).isNull();
    assertThat(get(ledger, "keep")).isNotNull();
  }

  @Test
  @DisplayName("Every condition is evaluated and each failure is reported in its action's place")
  void allConditionsReported() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("a"), "balance", n(1)));
    put(table, Map.of("pk", s("b"), "balance", n(1)));

    TransactionCanceledException error = failure(Tx.write(List.of(
      Tx.putIfAbsent(table, Map.of("pk", s("a2"))),
      Tx.putIfAbsent(table, Map.of("pk", s("b"), "balance", n(99))),
      Tx.check(table, "missing", "attribute_exists(pk)"),
      Tx.check(table, "a", "attribute_exists(balance)"))), TransactionCanceledException.class);

    assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
      .containsExactly("None", "ConditionalCheckFailed", "ConditionalCheckFailed", "None");
    assertThat(error.cancellationReasons().get(1).item()).as("no item unless ReturnValuesOnConditionCheckFailure")
      .isNullOrEmpty();
    assertThat(get(table, "a2")).isNull();
    assertThat(number(table, "b", "balance")).isEqualTo(1);
  }

  @Test
  @DisplayName("A data-dependent error (ADD to a string) cancels with reason ValidationError and writes nothing")
  void validationErrorReason() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("a"), "label", s("text")));

    TransactionCanceledException error = failure(Tx.write(List.of(
      Tx.put(table, Map.of("pk", s("b"))),
      Tx.update(table, "a", "ADD label :one", Map.of(":one", n(1))))), TransactionCanceledException.class);

    assertThat(error.cancellationReasons()).extracting(CancellationReason::code).containsExactly("None", "ValidationError");
    assertThat(get(table, "b")).isNull();
  }

  @Test
  @DisplayName("A request error found mid-apply (bad update expression) rolls back the actions already applied")
  void rollbackOnRequestError() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("a"), "balance", n(10)));

    DynamoDbException error = failure(Tx.write(List.of(
      Tx.update(table, "a", "SET balance = :v", Map.of(":v", n(0))),
      Tx.put(table, Map.of("pk", s("b"))),
      Tx.update(table, "c", "SET = oops", Map.of()))), DynamoDbException.class);

    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(number(table, "a", "balance")).isEqualTo(10);
    assertThat(get(table, "b")).isNull();
    assertThat(get(table, "c")).isNull();
  }

  @Test
  @DisplayName("A cancelled transaction leaves no lock: the same items are writable immediately after")
  void noLockAfterCancel() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("acct"), "balance", n(1)));

    failure(Tx.write(List.of(Tx.debit(table, "acct", 5), Tx.put(table, Map.of("pk", s("entry"))))),
      TransactionCanceledException.class);

    put(table, Map.of("pk", s("entry"), "note", s("plain put")));
    await(Tx.write(List.of(Tx.debit(table, "acct", 1), Tx.delete(table, "entry"))));
    assertThat(number(table, "acct", "balance")).isZero();
    assertThat(get(table, "entry")).isNull();
  }
}
