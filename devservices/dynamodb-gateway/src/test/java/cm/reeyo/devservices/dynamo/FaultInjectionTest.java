package cm.reeyo.devservices.dynamo;

import static cm.reeyo.devservices.dynamo.Dynamo.await;
import static cm.reeyo.devservices.dynamo.Dynamo.failure;
import static cm.reeyo.devservices.dynamo.Dynamo.key;
import static cm.reeyo.devservices.dynamo.Dynamo.n;
import static cm.reeyo.devservices.dynamo.Dynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.testkit.LocalDynamo;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@DisplayName("Fault injection flags produce the failures retry code must survive")
class FaultInjectionTest {

  @Test
  @DisplayName("--fault-conflict-rate 1 cancels every transaction with reason TransactionConflict and writes nothing")
  void everyTransactionConflicts() {
    DynamoDbAsyncClient client = LocalDynamo.client(LocalDynamo.startWithFaults(1.0, 0.0));
    String table = Dynamo.newTable(client);

    TransactionCanceledException error = failure(Tx.write(client, List.of(
      Tx.put(table, Map.of("pk", s("a"))), Tx.put(table, Map.of("pk", s("b"))))), TransactionCanceledException.class);

    assertThat(error.cancellationReasons()).extracting(CancellationReason::code)
      .containsOnly("TransactionConflict", "None").contains("TransactionConflict");
    assertThat(await(client.getItem(b -> b.tableName(table).key(key("a")))).hasItem()).isFalse();
    await(client.putItem(b -> b.tableName(table).item(Map.of("pk", s("a")))));
    assertThat(await(client.getItem(b -> b.tableName(table).key(key("a")))).hasItem()).isTrue();
  }

  @Test
  @DisplayName("--fault-error-rate 1 answers data-plane requests with 500 InternalServerError or 400 ThrottlingException")
  void everyRequestFails() {
    String endpoint = LocalDynamo.startWithFaults(0.0, 1.0);
    DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
      .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
      .build();
    String table = Dynamo.newTable(client);

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      AwsServiceException error = failure(client.getItem(b -> b.tableName(table).key(key("a"))), AwsServiceException.class);
      seen.add(error.statusCode() + " " + error.awsErrorDetails().errorCode());
    }
    assertThat(seen).containsExactlyInAnyOrder("500 InternalServerError", "400 ThrottlingException");
  }

  @Test
  @DisplayName("With conflicts and errors injected, retrying each transfer commits every one exactly once")
  void retriesConverge() {
    DynamoDbAsyncClient client = LocalDynamo.client(LocalDynamo.startWithFaults(0.3, 0.2));
    String table = Dynamo.newTable(client);
    retry(() -> client.putItem(b -> b.tableName(table).item(Map.of("pk", s("wallet"), "balance", n(20))))).join();

    List<CompletableFuture<?>> debits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<TransactWriteItem> items = List.of(Tx.debit(table, "wallet", 1), Tx.putIfAbsent(table, Map.of("pk", s("entry-" + i))));
      debits.add(retry(() -> Tx.write(client, items)));
    }
    CompletableFuture.allOf(debits.toArray(CompletableFuture[]::new)).join();

    Map<String, AttributeValue> wallet = retry(() -> client.getItem(b -> b.tableName(table).key(key("wallet"))
      .consistentRead(true))).join().item();
    assertThat(wallet).containsEntry("balance", n(0));
    int stored = retry(() -> client.scan(b -> b.tableName(table).consistentRead(true))).join().count();
    assertThat(stored).as("the wallet and exactly 20 ledger entries").isEqualTo(21);
  }

  /** Retries on TransactionConflict and on 500/throttling answers, up to 30 attempts. */
  private static <T> CompletableFuture<T> retry(java.util.function.Supplier<CompletableFuture<T>> call) {
    return attempt(call, 1);
  }

  private static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> call, int n) {
    return call.get().handle((value, error) -> {
      if (error == null) {
        return CompletableFuture.completedFuture(value);
      }
      Throwable cause = Dynamo.unwrap(error);
      boolean retryable = cause instanceof TransactionCanceledException cancelled
        ? cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))
        : cause instanceof AwsServiceException aws && (aws.statusCode() >= 500 || aws.isThrottlingException());
      if (!retryable || n >= 30) {
        return CompletableFuture.<T>failedFuture(cause);
      }
      return attempt(call, n + 1);
    }).thenCompose(f -> f);
  }
}
