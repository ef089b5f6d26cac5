package cm.reeyo.tcpbridge;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The bridge event handler: the first frame of a connection must prove a service account ({@link ServiceAccounts}),
 * else the connection gets {@code {"type":"err","message":"unauthenticated"}} and is closed. Every later frame is
 * authorized against that account: a refused one gets an error frame and the connection stays open; a permitted send
 * or publish reaches the bus with the service principal in its headers ({@link FrameHeaders}). Confined to the
 * verticle's context.
 */
final class ServiceGuard implements Handler<BridgeEvent> {

  static final String REPLY_PREFIX = "__vertx.reply.";
  private static final Logger LOG = LoggerFactory.getLogger(ServiceGuard.class);

  private final ServiceAccounts accounts;
  private final TcpBridgeSettings settings;
  private final BridgeCounters counters;
  private final Map<NetSocket, Connection> connections = new HashMap<>();

  ServiceGuard(ServiceAccounts accounts, TcpBridgeSettings settings, BridgeCounters counters) {
    this.accounts = accounts;
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public void handle(BridgeEvent ev) {
    if (ev.type() == BridgeEventType.REGISTERED) {
      ev.complete(true);
      return;
    }
    NetSocket socket = ev.socket();
    JsonObject raw = ev.getRawMessage();
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : null;
    Connection connection = connections.get(socket);
    if (connection == null) {
      connection = open(socket, headers);
    } else if (ServiceAccounts.carriesCredentials(headers)) {
      connection.renew(accounts.login(headers));
    }
    raw.put("headers", FrameHeaders.withoutCredentials(headers));
    Connection current = connection;
    current.login().onComplete(login -> {
      if (login.failed() || login.result().expiresAtMs() <= System.currentTimeMillis()) {
        ev.complete(false);
        close(socket, login.succeeded() ? "expired" : "unauthenticated");
      } else {
        decide(ev, raw, headers, login.result().account(), current);
      }
    });
  }

  private Connection open(NetSocket socket, JsonObject headers) {
    Connection connection = new Connection(accounts.login(headers));
    connections.put(socket, connection);
    counters.opened();
    socket.closeHandler(v -> {
      if (connections.remove(socket) != null) {
        counters.closed();
      }
    });
    connection.login()
      .onSuccess(login -> LOG.info("service {} connected from {}", login.account().id(), socket.remoteAddress()))
      .onFailure(e -> LOG.warn("tcp bridge connection from {} refused: {}", socket.remoteAddress(), e.getMessage()));
    return connection;
  }

  private void decide(BridgeEvent ev, JsonObject raw, JsonObject clientHeaders, ServiceAccount account, Connection c) {
    String address = raw.getValue("address") instanceof String a ? a : null;
    boolean permitted = switch (ev.type()) {
      case SOCKET_PING -> true;
      case SEND -> isReply(address, raw) || account.send().permits(address);
      case PUBLISH -> account.publish().permits(address);
      case REGISTER -> account.listen().permits(address) && !c.listens(address)
        && c.listen(address, settings.maxHandlers());
      case UNREGISTER -> {
        c.stopListening(address);
        yield account.listen().permits(address);
      }
      default -> false;
    };
    if (!permitted) {
      refuse(ev, raw, address);
      return;
    }
    if (ev.type() == BridgeEventType.SEND || ev.type() == BridgeEventType.PUBLISH) {
      raw.put("headers", FrameHeaders.forBus(clientHeaders, account, settings.maxTimeoutMs()));
      counters.forwarded();
    }
    ev.complete(true);
  }

  /** An answer to a request this connection received; the stock bridge checks it is one of this connection's. */
  private static boolean isReply(String address, JsonObject raw) {
    return address != null && address.startsWith(REPLY_PREFIX) && raw.getValue("replyAddress") == null;
  }

  /** The stock error frame follows ({@code blocked by bridgeEvent handler}); a refused request also fails its reply. */
  private void refuse(BridgeEvent ev, JsonObject raw, String address) {
    counters.refused();
    if (ev.type() == BridgeEventType.SEND && raw.getValue("replyAddress") instanceof String replyAddress) {
      FrameHelper.writeFrame(new JsonObject().put("type", "err").put("address", replyAddress)
        .put("sourceAddress", address).put("failureCode", 403).put("failureType", "RECIPIENT_FAILURE")
        .put("message", "FORBIDDEN"), ev.socket());
    }
    ev.complete(false);
  }

  private void close(NetSocket socket, String reason) {
    counters.refused();
    FrameHelper.writeFrame(new JsonObject().put("type", "err").put("message", reason), socket);
    socket.close();
  }
}
