package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The serving side of every request-reply contract. For each message it reads the principal headers, enforces the
 * contract's callers (no principal where one is needed: UNAUTHORIZED; a role the contract does not list: FORBIDDEN),
 * checks the body against the request schema (VALIDATION_FAILED), runs the handler and replies its answer, or the
 * {@link ErrorCode} of its failure (anything uncoded is logged and answered INTERNAL).
 *
 * <p>{@link #drain()} takes the server out of service without losing a request: call it first in the verticle's
 * {@code stop()}, before releasing what the handlers use.
 */
public final class BusServer {

  private static final Logger LOG = LoggerFactory.getLogger(BusServer.class);

  /** After its consumers are gone from the cluster's registry, how long a draining server waits for other nodes to see it. */
  public static final long DRAIN_SETTLE_MS = Long.getLong("reeyo.bus.drainSettleMs", 250L);
  /** The longest a drain waits for handlers still running. */
  public static final long DRAIN_MAX_MS = 30_000;

  private final Vertx vertx;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private long longestTimeoutMs;
  private Promise<Void> idle;

  private BusServer(Vertx vertx) {
    this.vertx = vertx;
    ContractCheck.install(vertx);
  }

  public static BusServer on(Vertx vertx) {
    return new BusServer(vertx);
  }

  /** Serves {@code address} (a request-reply contract) with {@code handler}. */
  public BusServer serve(String address, Function<BusRequest, Future<?>> handler) {
    Contract contract = BusContracts.get().of(address);
    if (contract.kind() != Kind.REQUEST_REPLY) {
      throw new IllegalArgumentException(address + " is not a request-reply contract");
    }
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, msg -> handle(contract, msg, handler));
    consumers.add(consumer);
    longestTimeoutMs = Math.max(longestTimeoutMs, contract.timeoutMs());
    return this;
  }

  /** Serves an address whose handler needs the caller (the contract decides whether one may be absent). */
  public BusServer serveAs(String address, BiFunction<Principal, JsonObject, Future<?>> handler) {
    return serve(address, r -> handler.apply(r.caller(), r.body()));
  }

  /** Serves an address whose handler reads only the body. */
  public BusServer serveBody(String address, Function<JsonObject, Future<?>> handler) {
    return serve(address, r -> handler.apply(r.body()));
  }

  /** Completes when every consumer registered so far is registered cluster-wide. */
  public Future<Void> ready() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public List<MessageConsumer<Object>> consumers() {
    return List.copyOf(consumers);
  }

  /**
   * Takes this server out of service: its consumers are unregistered cluster-wide (completes once the cluster's
   * registry no longer lists them), so callers stop routing here; after {@link #DRAIN_SETTLE_MS} for the other nodes
   * to see the change, completes once every running handler has answered (at most the longest contract timeout,
   * capped at {@link #DRAIN_MAX_MS}). Other instances of the same addresses, on this node or others, keep serving.
   * Messages the bus had handed to a consumer but that its handler had not started yet are bounced by Vert.x
   * ("Discarded the request"); {@link BusClient} sends those again, since no handler ever saw them.
   */
  public Future<Void> drain() {
    long maxWaitMs = Math.min(DRAIN_MAX_MS, Math.max(longestTimeoutMs, DRAIN_SETTLE_MS));
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
      .otherwiseEmpty()
      .compose(v -> vertx.timer(DRAIN_SETTLE_MS))
      .compose(v -> whenIdle().timeout(maxWaitMs, TimeUnit.MILLISECONDS))
      .onFailure(e -> LOG.warn("drain: {} handlers still running after {} ms", running.get(), maxWaitMs))
      .otherwiseEmpty()
      .mapEmpty();
  }

  /** Handlers running now (requests taken and not yet answered). */
  public int running() {
    return running.get();
  }

  private synchronized Future<Void> whenIdle() {
    if (running.get() == 0) {
      return Future.succeededFuture();
    }
    idle = Promise.promise();
    return idle.future();
  }

  private synchronized void finished() {
    if (running.decrementAndGet() == 0 && idle != null) {
      idle.tryComplete();
    }
  }

  private void handle(Contract contract, Message<Object> msg, Function<BusRequest, Future<?>> handler) {
    running.incrementAndGet();
    Future<?> answer;
    try {
      answer = handler.apply(admit(contract, msg));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(msg::reply).onFailure(failure -> fail(msg, failure)).onComplete(r -> finished());
  }

  /** The request, authorized and checked; a coded {@link ReplyException} otherwise. */
  static BusRequest admit(Contract contract, Message<Object> msg) {
    Optional<Principal> principal = PrincipalHeaders.read(msg.headers());
    if (principal.isEmpty() && !contract.allowsService()) {
      throw ErrorCode.UNAUTHORIZED.exception("No principal on the request");
    }
    if (principal.isPresent() && !contract.allows(principal.get().role())) {
      throw ErrorCode.FORBIDDEN.exception(principal.get().role() + " may not call " + contract.address());
    }
    Object body = msg.body() == null ? new JsonObject() : msg.body();
    contract.checkRequest(body).ifPresent(problem -> {
      throw ErrorCode.VALIDATION_FAILED.exception(problem);
    });
    return new BusRequest(contract, principal, withoutNulls((JsonObject) body));
  }

  static void fail(Message<?> msg, Throwable failure) {
    ErrorCode code = failure instanceof ClassCastException ? ErrorCode.VALIDATION_FAILED : ErrorCode.of(failure);
    if (code == ErrorCode.INTERNAL) {
      LOG.error("{} failed", msg.address(), failure);
    }
    boolean coded = failure instanceof ReplyException && code != ErrorCode.INTERNAL;
    msg.fail(code.busCode(), coded ? failure.getMessage() : code == ErrorCode.VALIDATION_FAILED ? "Invalid request" : "Internal error");
  }

  private static JsonObject withoutNulls(JsonObject json) {
    JsonObject body = new JsonObject();
    json.forEach(e -> {
      if (e.getValue() != null) {
        body.put(e.getKey(), e.getValue());
      }
    });
    return body;
  }
}
