package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One request with its deadline, sent again once (to another instance, by the bus's round robin) when its target
 * vanished, within what is left of the deadline; the first answer wins:
 * <ul>
 *   <li>never delivered, so safe for every request: no handler was registered (NO_HANDLERS), or the consumer it was
 *   handed to was unregistered before its handler ran (Vert.x answers "Discarded the request", e.g. an instance that
 *   drains while re-scaling);</li>
 *   <li>perhaps delivered, so only for idempotent requests ({@link Idempotency}): the message could not be written to
 *   the member's connection (ERROR), or a cluster member left while the request was in flight ({@link #nodeLeft}; the
 *   request may have been on that member, and an in-flight request to a dead member is otherwise only answered by its
 *   deadline). A request that is not idempotent is then answered UNAVAILABLE or waits for its deadline.</li>
 * </ul>
 */
final class FailoverCall {

  /** A retry needs at least this much of the deadline left to be worth sending. */
  static final long MIN_RETRY_MS = 50;
  /**
   * At most this many sends of one request: the first, one retry when its target vanished, and one more if another
   * member leaves while the retry is in flight (a retry sent just before the departed member's subscriptions were
   * purged may have gone to it).
   */
  static final int MAX_SENDS = 3;
  /** How Vert.x answers a request its consumer dropped unhandled (HandlerRegistration.discardMessage). */
  static final String DISCARDED = "Discarded the request";
  private static final Map<Vertx, Set<FailoverCall>> IN_FLIGHT = Collections.synchronizedMap(new WeakHashMap<>());

  private final Vertx vertx;
  private final Context context;
  private final String address;
  private final JsonObject body;
  private final DeliveryOptions options;
  private final long deadlineNanos;
  private final boolean idempotent;
  private final Promise<JsonObject> answer = Promise.promise();
  private int running;
  private int sends;

  FailoverCall(Vertx vertx, String address, JsonObject body, DeliveryOptions options, long timeoutMs, boolean idempotent) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.address = address;
    this.body = body;
    this.options = options;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    this.idempotent = idempotent;
  }

  /**
   * A cluster member left: every idempotent request in flight on {@code vertx} is sent again, within
   * {@link #MAX_SENDS} (the launcher calls this from its membership listener).
   */
  public static void nodeLeft(Vertx vertx) {
    Set<FailoverCall> calls = IN_FLIGHT.get(vertx);
    if (calls != null) {
      for (FailoverCall call : Set.copyOf(calls)) {
        call.context.runOnContext(v -> call.retry(false, MAX_SENDS));
      }
    }
  }

  /** Requests in flight on {@code vertx} that a member loss would send again. */
  static int retriableInFlight(Vertx vertx) {
    Set<FailoverCall> calls = IN_FLIGHT.get(vertx);
    return calls == null ? 0 : calls.size();
  }

  Future<JsonObject> start() {
    if (idempotent) {
      IN_FLIGHT.computeIfAbsent(vertx, v -> ConcurrentHashMap.newKeySet()).add(this);
      answer.future().onComplete(r -> IN_FLIGHT.getOrDefault(vertx, Set.of()).remove(this));
    }
    send();
    return answer.future();
  }

  private void send() {
    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    running++;
    sends++;
    vertx.eventBus().<Object>request(address, body, new DeliveryOptions(options).setSendTimeout(Math.max(1, leftMs)))
      .onComplete(r -> {
        running--;
        if (r.succeeded()) {
          answer.tryComplete(r.result().body() instanceof JsonObject json ? json : new JsonObject());
        } else if ((neverDelivered(r.cause()) || vanished(r.cause())) && retry(neverDelivered(r.cause()), 2)) {
          return;
        } else if (running == 0) {
          answer.tryFail(coded(address, r.cause()));
        }
      });
  }

  /** Sends once more if allowed, worth it and fewer than {@code maxSends} went out; true when a retry went out. */
  private boolean retry(boolean safeForAll, int maxSends) {
    if (!(idempotent || safeForAll) || sends >= maxSends || answer.future().isComplete()
      || deadlineNanos - System.nanoTime() < TimeUnit.MILLISECONDS.toNanos(MIN_RETRY_MS)) {
      return false;
    }
    send();
    return true;
  }

  /** No handler ever saw the request: none registered, or the consumer holding it went away before handling it. */
  static boolean neverDelivered(Throwable failure) {
    return failure instanceof ReplyException reply && (reply.failureType() == ReplyFailure.NO_HANDLERS
      || reply.failureType() == ReplyFailure.TIMEOUT && String.valueOf(reply.getMessage()).startsWith(DISCARDED));
  }

  /** The message could not be written to the member that was to handle it (it may or may not have arrived). */
  static boolean vanished(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.ERROR;
  }

  /** Every failure as a coded {@link ReplyException}; an undelivered message is UNAVAILABLE. */
  static ReplyException coded(String address, Throwable failure) {
    ErrorCode code = ErrorCode.of(failure);
    if (failure instanceof ReplyException reply && reply.failureCode() == code.busCode()) {
      return reply;
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ReplyException(ReplyFailure.NO_HANDLERS, code.busCode(), address + ": " + failure.getMessage());
    }
    if (neverDelivered(failure) || failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.ERROR) {
      return ErrorCode.UNAVAILABLE.exception(address + ": " + failure.getMessage());
    }
    return code.exception(address + ": " + failure.getMessage());
  }
}
