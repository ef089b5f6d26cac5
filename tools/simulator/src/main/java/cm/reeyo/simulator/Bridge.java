package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An app's socket on the SockJS bridge's raw WebSocket endpoint ({@code /eventbus/websocket?token=}), speaking the
 * event-bus bridge frames the stock client sends: register / unregister, send with a reply address (a UUID: the bridge refuses longer ones; given a timeout,
 * since a refused frame never answers), ping every 5 s. A socket the server closes is reopened after a second with
 * the session's current token and its registrations, as the apps' reconnect does: first the access token is renewed
 * ({@code /auth/refresh}) when it expires within a minute, or whenever the previous socket was refused or closed
 * within seconds of opening (the bridge closes a socket whose token expired). Like the mobile apps, it sends no
 * {@code Origin} header (a browser's origin is checked against the CORS list).
 */
final class Bridge {

  /** Renew the access token before reconnecting when it expires within this. */
  static final long RENEW_MARGIN_MS = 60_000;
  /** A socket closed sooner than this after opening counts as refused. */
  private static final long SHORT_LIVED_MS = 5_000;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final SimOptions.Endpoints endpoints;
  private final Session session;
  private final Stats stats;
  private final BiConsumer<String, JsonObject> onMessage;
  private final java.util.function.Function<Boolean, Future<Void>> freshen;
  private final Set<String> addresses = new LinkedHashSet<>();
  private final Map<String, Promise<JsonObject>> replies = new HashMap<>();
  private WebSocket ws;
  private long pings = -1;
  private boolean closing;
  private long openedAt;
  private boolean refused;

  Bridge(Vertx vertx, WebSocketClient client, SimOptions.Endpoints endpoints, Session session, Stats stats,
         BiConsumer<String, JsonObject> onMessage, java.util.function.Function<Boolean, Future<Void>> freshen) {
    this.vertx = vertx;
    this.client = client;
    this.endpoints = endpoints;
    this.session = session;
    this.stats = stats;
    this.onMessage = onMessage;
    this.freshen = freshen;
  }

  Future<Bridge> open() {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(endpoints.host()).setPort(endpoints.bridge())
      .setURI("/eventbus/websocket?token=" + session.token).addHeader("X-Forwarded-For", session.ip)
      .setAllowOriginHeader(false);
    long started = System.nanoTime();
    return client.connect(options).map(socket -> {
      stats.latency("bridge.connect", (System.nanoTime() - started) / 1_000_000);
      stats.socketOpened();
      ws = socket;
      openedAt = System.currentTimeMillis();
      socket.handler(buffer -> received(buffer.toString()));
      socket.closeHandler(v -> closed());
      pings = vertx.setPeriodic(5_000, t -> write(new JsonObject().put("type", "ping")));
      addresses.forEach(a -> write(new JsonObject().put("type", "register").put("address", a)));
      return this;
    }).onFailure(f -> {
      refused = f instanceof io.vertx.core.http.UpgradeRejectedException;
      stats.error("bridge.connect", f.getClass().getSimpleName());
    });
  }

  void register(String address) {
    if (addresses.add(address)) {
      write(new JsonObject().put("type", "register").put("address", address));
    }
  }

  void unregister(String address) {
    if (addresses.remove(address)) {
      write(new JsonObject().put("type", "unregister").put("address", address));
    }
  }

  /** A request on the bus through the bridge: its reply body, failed after 10 s without one. */
  Future<JsonObject> request(String address, JsonObject body) {
    String replyAddress = java.util.UUID.randomUUID().toString();
    Promise<JsonObject> promise = Promise.promise();
    replies.put(replyAddress, promise);
    long timer = vertx.setTimer(10_000, t -> {
      if (replies.remove(replyAddress) != null) {
        promise.tryFail("no reply from " + address);
      }
    });
    if (!write(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress))) {
      replies.remove(replyAddress);
      vertx.cancelTimer(timer);
      promise.tryFail("socket not open");
    }
    return promise.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  Future<Void> close() {
    closing = true;
    return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close().recover(f -> Future.succeededFuture());
  }

  private boolean write(JsonObject frame) {
    if (ws == null || ws.isClosed()) {
      return false;
    }
    ws.writeTextMessage(frame.encode());
    return true;
  }

  private void received(String text) {
    JsonObject frame = new JsonObject(text);
    String address = frame.getString("address");
    Promise<JsonObject> reply = address == null ? null : replies.remove(address);
    if (reply != null) {
      if (frame.containsKey("failureCode")) {
        reply.tryFail(frame.getString("message", "refused"));
      } else {
        reply.tryComplete(frame.getValue("body") instanceof JsonObject b ? b : new JsonObject());
      }
    } else if ("err".equals(frame.getString("type"))) {
      stats.error("bridge.frame", String.valueOf(frame.getValue("body")));
    } else if (address != null && frame.getValue("body") instanceof JsonObject body) {
      onMessage.accept(address, body);
    }
  }

  private void closed() {
    stats.socketClosed();
    vertx.cancelTimer(pings);
    ws = null;
    refused = refused || System.currentTimeMillis() - openedAt < SHORT_LIVED_MS;
    replies.values().forEach(p -> p.tryFail("socket closed"));
    replies.clear();
    if (!closing) {
      stats.count("socket reconnects");
      vertx.setTimer(1_000, t -> reconnect());
    }
  }

  private void reconnect() {
    if (!closing && ws == null) {
      boolean force = refused;
      refused = false;
      freshen.apply(force).recover(f -> {
        stats.count("socket token renewals failed");
        return Future.succeededFuture();
      }).compose(v -> open()).onFailure(f -> vertx.setTimer(2_000, t -> reconnect()));
    }
  }
}
