package cm.reeyo.launcher;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load on the bus as the HTTP edges put it there, for the zero-downtime tests: {@code concurrency} loops, each
 * sending its next request as soon as the last one is answered, in turn a read ({@code catalog.v1.menu}), a money write
 * with an idempotency key ({@code wallet.v1.topup}) and a write that is not idempotent ({@code chat.v1.typing}).
 * Every request is recorded with its start, end and outcome.
 */
final class BusLoad {

  enum Kind { READ, KEYED_WRITE, PLAIN_WRITE }

  /** One request; {@code failure} is null when it was answered. */
  record Outcome(Kind kind, String id, long startedNanos, long endedNanos, ErrorCode failure) {
    long ms() {
      return TimeUnit.NANOSECONDS.toMillis(endedNanos - startedNanos);
    }

    boolean inFlightAt(long fromNanos, long toNanos) {
      return startedNanos <= toNanos && endedNanos >= fromNanos;
    }
  }

  private static final Principal CUSTOMER = new Principal("usr_zdt", Role.USER);

  private final Vertx vertx;
  private final BusClient bus;
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean running;

  BusLoad(Vertx vertx) {
    this.vertx = vertx;
    this.bus = BusClient.of(vertx);
  }

  BusLoad start(int concurrency) {
    running = true;
    for (int i = 0; i < concurrency; i++) {
      vertx.runOnContext(v -> loop());
    }
    return this;
  }

  void stop() throws InterruptedException {
    running = false;
    Thread.sleep(6_000);
  }

  /** Requests sent and not answered (nor failed) yet. */
  long unanswered() {
    return sequence.get() - outcomes.size();
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  private void loop() {
    if (!running) {
      return;
    }
    long n = sequence.incrementAndGet();
    Kind kind = Kind.values()[(int) (n % 3)];
    String id = "z" + n;
    long started = System.nanoTime();
    send(kind, id).onComplete(r -> {
      outcomes.add(new Outcome(kind, id, started, System.nanoTime(), r.succeeded() ? null : ErrorCode.of(r.cause())));
      loop();
    });
  }

  private Future<JsonObject> send(Kind kind, String id) {
    return switch (kind) {
      case READ -> bus.request(OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", id), CUSTOMER);
      case KEYED_WRITE -> bus.request(WalletAddresses.TOPUP, new JsonObject().put("amount", 100)
        .put("phone", "+237670000001").put("idempotencyKey", id), CUSTOMER);
      case PLAIN_WRITE -> bus.request(RealtimeAddresses.TYPING, new JsonObject().put("orderId", id).put("isTyping", true),
        CUSTOMER);
    };
  }
}
