package cm.reeyo.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * An app's socket on the SockJS bridge's raw WebSocket endpoint ({@code /eventbus/websocket}), speaking the event-bus
 * bridge frames the stock client sends: register, send with a reply address, and the frames coming back.
 */
final class BridgeSocket {

  /** Held for the socket's life: Vert.x closes a client nothing refers to any more (even mid-handshake). */
  private final WebSocketClient client;
  private final WebSocket ws;
  private final List<JsonObject> frames = new ArrayList<>();
  private final List<Waiter> waiting = new ArrayList<>();
  private final Promise<Void> closedByServer = Promise.promise();

  private record Waiter(Predicate<JsonObject> match, Promise<JsonObject> promise) {
  }

  private BridgeSocket(Vertx vertx, WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.handler(data -> received(data.toJsonObject()));
    long pings = vertx.setPeriodic(2_000, t -> ws.writeTextMessage(new JsonObject().put("type", "ping").encode()));
    ws.closeHandler(v -> {
      vertx.cancelTimer(pings);
      closed();
      closedByServer.tryComplete();
    });
  }

  /** Connects with the token in the query, as the apps do; pings like the stock client so the bridge keeps it. */
  static Future<BridgeSocket> open(Vertx vertx, int port, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/eventbus/websocket?token=" + token);
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(options).map(ws -> new BridgeSocket(vertx, client, ws));
  }

  void register(String address) {
    ws.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode());
  }

  /** Sends a request; answers the reply frame ({@code body}, or {@code failureCode} for a refusal). */
  Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = UUID.randomUUID().toString();
    Future<JsonObject> reply = next(f -> replyAddress.equals(f.getString("address")));
    ws.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("body", body)
      .put("replyAddress", replyAddress).encode());
    return reply;
  }

  /** The first frame (already received or coming) that matches. */
  synchronized Future<JsonObject> next(Predicate<JsonObject> match) {
    for (JsonObject f : frames) {
      if (match.test(f)) {
        frames.remove(f);
        return Future.succeededFuture(f);
      }
    }
    Promise<JsonObject> promise = Promise.promise();
    waiting.add(new Waiter(match, promise));
    return promise.future();
  }

  /** The next message on {@code address} whose envelope carries {@code event}. */
  Future<JsonObject> event(String address, String event) {
    return next(f -> address.equals(f.getString("address")) && f.getValue("body") instanceof JsonObject b
      && event.equals(b.getString("event"))).map(f -> f.getJsonObject("body"));
  }

  /** The next error frame ({@code access_denied}, {@code rejected}). */
  Future<JsonObject> error() {
    return next(f -> "err".equals(f.getString("type")));
  }

  synchronized List<JsonObject> seen() {
    return List.copyOf(frames);
  }

  /** Completes when the connection ends (the bridge closed it, or {@link #close}). */
  Future<Void> whenClosed() {
    return closedByServer.future();
  }

  Future<Void> close() {
    return ws.close();
  }

  private synchronized void closed() {
    List.copyOf(waiting).forEach(w -> w.promise().tryFail("socket closed; frames left: " + frames));
    waiting.clear();
  }

  private synchronized void received(JsonObject frame) {
    for (Waiter w : waiting) {
      if (w.match().test(frame)) {
        waiting.remove(w);
        w.promise().complete(frame);
        return;
      }
    }
    frames.add(frame);
  }
}
