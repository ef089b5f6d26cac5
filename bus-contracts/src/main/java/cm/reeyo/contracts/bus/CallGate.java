package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bounded line in front of one address for one node's callers ({@link BusLimits}): a call takes a slot or waits
 * in line; a full line, or a wait longer than allowed, fails at once with UNAVAILABLE instead of piling more work on
 * an engine that is already behind. Shared by every verticle instance of the node (calls come from several event
 * loops); a freed slot goes to the oldest waiter, on that waiter's context.
 */
final class CallGate {

  static final String OVERLOADED = "overloaded: too many requests waiting";
  private static final Map<Vertx, Map<String, CallGate>> GATES = Collections.synchronizedMap(new WeakHashMap<>());

  private record Waiter(Context context, Promise<Void> admitted) {
  }

  private final Vertx vertx;
  private final String address;
  private final BusLimits limits;
  private final ArrayDeque<Waiter> line = new ArrayDeque<>();
  private int inFlight;

  private CallGate(Vertx vertx, String address, BusLimits limits) {
    this.vertx = vertx;
    this.address = address;
    this.limits = limits;
  }

  static CallGate of(Vertx vertx, String address) {
    return GATES.computeIfAbsent(vertx, v -> new ConcurrentHashMap<>())
      .computeIfAbsent(address, a -> new CallGate(vertx, a, BusLimits.of(vertx)));
  }

  /** Completes when the call may go (call {@link #leave()} once it is answered); fails UNAVAILABLE when overloaded. */
  Future<Void> enter() {
    Waiter waiter;
    synchronized (this) {
      if (inFlight < limits.maxInFlight()) {
        inFlight++;
        return Future.succeededFuture();
      }
      if (line.size() >= limits.maxQueued() || limits.maxQueueWaitMs() == 0) {
        return Future.failedFuture(overloaded());
      }
      waiter = new Waiter(vertx.getOrCreateContext(), Promise.promise());
      line.add(waiter);
    }
    vertx.setTimer(limits.maxQueueWaitMs(), id -> {
      boolean stillWaiting;
      synchronized (this) {
        stillWaiting = line.remove(waiter);
      }
      if (stillWaiting) {
        waiter.admitted().tryFail(overloaded());
      }
    });
    return waiter.admitted().future();
  }

  /** Frees the slot of an answered call: the oldest waiter takes it. */
  void leave() {
    Waiter next;
    synchronized (this) {
      next = line.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    next.context().runOnContext(v -> next.admitted().tryComplete());
  }

  synchronized int inFlight() {
    return inFlight;
  }

  private io.vertx.core.eventbus.ReplyException overloaded() {
    return ErrorCode.UNAVAILABLE.exception(address + ": " + OVERLOADED);
  }
}
