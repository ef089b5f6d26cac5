package cm.reeyo.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TransactWriteItems as DynamoDB advises: a cancellation caused only by conflicts with other transactions (no
 * condition failed) is retried with jittered backoff, a few times; any other failure is the caller's.
 */
public final class Transactions {

  public static final int ATTEMPTS = 6;

  private Transactions() {
  }

  public static Future<Void> write(Vertx vertx, Dynamo dynamo, List<TransactWriteItem> items) {
    return attempt(vertx, dynamo, items, 1);
  }

  private static Future<Void> attempt(Vertx vertx, Dynamo dynamo, List<TransactWriteItem> items, int n) {
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(items))).<Void>mapEmpty()
      .recover(f -> n < ATTEMPTS && conflictOnly(f)
        ? vertx.timer(1 + ThreadLocalRandom.current().nextLong(10L << n)).compose(v -> attempt(vertx, dynamo, items, n + 1))
        : Future.failedFuture(f));
  }

  /** True for a cancellation whose reasons are conflicts only: the same transaction may well commit when retried. */
  public static boolean conflictOnly(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
        List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
        return codes.contains("TransactionConflict") && !codes.contains("ConditionalCheckFailed");
      }
    }
    return false;
  }
}
