package cm.reeyo.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

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

  /**
   * Runs a plain write again (a few times, jittered) when it met a transaction in progress on its item
   * ({@code TransactionConflictException}): the write was not applied and may well apply once that transaction ends.
   */
  public static <T> Future<T> retryingConflicts(Vertx vertx, Supplier<Future<T>> write) {
    return retryingConflicts(vertx, write, 1);
  }

  private static <T> Future<T> retryingConflicts(Vertx vertx, Supplier<Future<T>> write, int n) {
    return write.get().recover(f -> n < ATTEMPTS && isCause(f, TransactionConflictException.class)
      ? vertx.timer(1 + ThreadLocalRandom.current().nextLong(10L << n)).compose(v -> retryingConflicts(vertx, write, n + 1))
      : Future.failedFuture(f));
  }

  private static boolean isCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
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
