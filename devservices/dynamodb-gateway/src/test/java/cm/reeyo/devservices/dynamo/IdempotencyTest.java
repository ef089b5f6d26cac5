package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.CLIENT;
import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.number;
import static cm.reeyo.devservices.dynamo.Dynamo.put;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@DisplayName("ClientRequestToken makes TransactWriteItems idempotent")
class IdempotencyTest {

  @Test
  @DisplayName("The same token with the same request succeeds again without applying twice")
  void sameTokenSameRequest() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("counter"), "hits", n(0)));
    String token = UUID.randomUUID().toString();
    List<TransactWriteItem> increment = List.of(Tx.update(table, "counter", "ADD hits :one", Map.of(":one", n(1))));

    await(CLIENT.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)));
    await(CLIENT.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)));
    await(CLIENT.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)));

    assertThat(number(table, "counter", "hits")).isEqualTo(1);
  }

  @Test
  @DisplayName("The same token with a different request is IdempotentParameterMismatchException and applies nothing")
  void sameTokenOtherRequest() {
    String table = Dynamo.newTable();
    String token = UUID.randomUUID().toString();
    await(CLIENT.transactWriteItems(b -> b.clientRequestToken(token)
      .transactItems(Tx.put(table, Map.of("pk", s("a"))))));

    failure(CLIENT.transactWriteItems(b -> b.clientRequestToken(token)
      .transactItems(Tx.put(table, Map.of("pk", s("b"))))), IdempotentParameterMismatchException.class);
    assertThat(Dynamo.get(table, "b")).isNull();
  }

  @Test
  @DisplayName("A token whose transaction was cancelled may be retried and then applies")
  void retryAfterCancel() {
    String table = Dynamo.newTable();
    put(table, Map.of("pk", s("wallet"), "balance", n(0)));
    String token = UUID.randomUUID().toString();
    List<TransactWriteItem> debit = List.of(Tx.debit(table, "wallet", 5), Tx.put(table, Map.of("pk", s("entry"))));

    failure(CLIENT.transactWriteItems(b -> b.clientRequestToken(token).transactItems(debit)),
      TransactionCanceledException.class);
    put(table, Map.of("pk", s("wallet"), "balance", n(5)));
    await(CLIENT.transactWriteItems(b -> b.clientRequestToken(token).transactItems(debit)));

    assertThat(number(table, "wallet", "balance")).isZero();
    assertThat(Dynamo.get(table, "entry")).isNotNull();
  }
}
