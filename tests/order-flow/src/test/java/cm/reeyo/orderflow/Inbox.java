package cm.reeyo.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What a client address received (as the socket bridge would carry it out): envelopes {@code {event, data, at}}. */
final class Inbox {

  final List<JsonObject> envelopes = new ArrayList<>();
  private final List<Object[]> waiters = new ArrayList<>();

  static Inbox listen(Vertx vertx, String address) {
    Inbox inbox = new Inbox();
    vertx.eventBus().<JsonObject>consumer(address, m -> inbox.add(m.body()));
    return inbox;
  }

  @SuppressWarnings("unchecked")
  private synchronized void add(JsonObject envelope) {
    envelopes.add(envelope);
    waiters.removeIf(w -> {
      if (((Predicate<JsonObject>) w[0]).test(envelope)) {
        ((Promise<JsonObject>) w[1]).tryComplete(envelope);
        return true;
      }
      return false;
    });
  }

  /** The first envelope (already received or coming) of {@code event} about {@code orderId}. */
  synchronized Future<JsonObject> next(String event, String orderId) {
    return next(e -> event.equals(e.getString("event")) && orderId.equals(e.getJsonObject("data").getString("orderId")));
  }

  /** The first envelope (already received or coming) that {@code match} accepts. */
  synchronized Future<JsonObject> next(Predicate<JsonObject> match) {
    for (JsonObject e : envelopes) {
      if (match.test(e)) {
        return Future.succeededFuture(e);
      }
    }
    Promise<JsonObject> p = Promise.promise();
    waiters.add(new Object[]{match, p});
    return p.future();
  }

  /** Forgets what was received so far ({@link #next} then waits for what comes after). */
  synchronized void forget() {
    envelopes.clear();
  }

  synchronized List<String> events() {
    return envelopes.stream().map(e -> e.getString("event")).toList();
  }
}
