package cm.reeyo.notifier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Shared test plumbing: node config with fast retries, a strict blocked-thread checker, waiting helpers. */
final class TestSupport {

  private TestSupport() {
  }

  /**
   * A Vert.x whose checker reports any event-loop task longer than 1 s (half the default). Provider fakes answer
   * slower than that in the resilience tests, so an SDK call made on an event loop would show here.
   */
  static Vertx strictVertx() {
    return Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(100)
      .setMaxEventLoopExecuteTime(1000).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
      .setWarningExceptionTime(1000).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
  }

  static JsonObject config(String fakesUrl) {
    return TestConfig.fresh()
      .put("fakes", new JsonObject().put("baseUrl", fakesUrl))
      .put("notifier", new JsonObject()
        .put("outbox", new JsonObject().put("drainIntervalMs", 100).put("baseDelayMs", 50).put("maxDelayMs", 400)
          .put("leaseMs", 5000).put("maxAttempts", 6))
        .put("breaker", new JsonObject().put("maxFailures", 3).put("resetTimeoutMs", 1000)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed: " + e, e);
    }
  }

  /** The stable code of the bus failure somewhere in {@code failure}'s causes. */
  static ErrorCode code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ReplyException) {
        return ErrorCode.of(t);
      }
    }
    return null;
  }

  /** Polls {@code check} until it holds (or fails the test after {@code timeout}). */
  static void eventually(Duration timeout, Callable<Boolean> check) {
    Instant deadline = Instant.now().plus(timeout);
    Throwable last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Boolean.TRUE.equals(check.call())) {
          return;
        }
      } catch (Exception | AssertionError e) {
        last = e;
      }
      sleep(50);
    }
    throw new AssertionError("condition not met within " + timeout + (last == null ? "" : ": " + last), last);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void putAccount(Dynamo dynamo, String table, JsonObject account) {
    await(dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(table)).item(Items.toItem(account)))));
  }

  static JsonObject getAccount(Dynamo dynamo, String table, String idField, String id) {
    return Items.toJson(await(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(table))
      .key(Items.key(idField, id)).consistentRead(true)))).item());
  }

  /** Collects Vert.x blocked-thread warnings for the whole test class. */
  static final class BlockedThreadWatch {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    BlockedThreadWatch start() {
      appender.start();
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
      return this;
    }

    List<String> eventLoopWarnings() {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("has been blocked") && m.contains("eventloop"))
        .toList();
    }

    void stop() {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }
  }
}
