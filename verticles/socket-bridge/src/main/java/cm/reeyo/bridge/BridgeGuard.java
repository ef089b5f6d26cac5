package cm.reeyo.bridge;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge event handler: authenticates each socket and authorizes every REGISTER, SEND and PUBLISH against the
 * socket's principal. A refused frame gets the bridge's error frame and the socket stays usable; a socket whose token
 * is invalid is closed, one whose token expires is closed at expiry, and one whose session is ended (logout,
 * suspension, password change) is closed when the announcement arrives ({@link #sessionsEnded}). Each socket's frames
 * are rate limited ({@link SocketSession#admitFrame}): a frame over the budget is refused ({@code rate}), and a socket
 * that keeps sending past {@code frameRefusalsBeforeClose} refusals is closed ({@code rate-closed}). Confined to one
 * verticle instance's context.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  private final Vertx vertx;
  private final SocketAuth auth;
  private final OrderParties parties;
  private final BridgeSettings settings;
  private final BridgeStats stats;
  private final Map<SockJSSocket, SocketSession> sessions = new HashMap<>();

  BridgeGuard(Vertx vertx, SocketAuth auth, OrderParties parties, BridgeSettings settings, BridgeStats stats) {
    this.vertx = vertx;
    this.auth = auth;
    this.parties = parties;
    this.settings = settings;
    this.stats = stats;
  }

  @Override
  public void handle(BridgeEvent ev) {
    switch (ev.type()) {
      case SOCKET_CREATED -> onCreated(ev);
      case SOCKET_CLOSED -> onClosed(ev);
      case SOCKET_IDLE -> {
        stats.idleClosed();
        ev.complete(true);
      }
      case REGISTER, SEND, PUBLISH -> onFrame(ev);
      case UNREGISTER -> onUnregister(ev);
      case RECEIVE -> onReceive(ev);
      default -> ev.complete(true);
    }
  }

  private void onCreated(BridgeEvent ev) {
    SockJSSocket socket = ev.socket();
    Optional<String> token = SocketAuth.fromUri(socket.uri())
      .or(() -> Optional.ofNullable(socket.headers()).map(h -> h.get(SocketAuth.TOKEN)));
    if (token.isEmpty()) {
      open(ev, socket, new SocketSession());
      return;
    }
    auth.verify(token.get()).onSuccess(who -> {
      if (who.isEmpty()) {
        LOG.debug("socket refused, invalid token: {}", SocketAuth.redact(socket.uri()));
        refuse(ev, "token");
        return;
      }
      SocketSession session = new SocketSession();
      session.authenticate(who.get());
      open(ev, socket, session);
    });
  }

  private void open(BridgeEvent ev, SockJSSocket socket, SocketSession session) {
    sessions.put(socket, session);
    stats.opened();
    schedule(socket, session, session.authenticated() ? session.expiresAtMs() : System.currentTimeMillis() + settings.authGraceMs());
    ev.complete(true);
  }

  private void onClosed(BridgeEvent ev) {
    SocketSession session = sessions.remove(ev.socket());
    if (session != null) {
      vertx.cancelTimer(session.timerId());
      stats.closed();
    }
    ev.complete(true);
  }

  private void onFrame(BridgeEvent ev) {
    SockJSSocket socket = ev.socket();
    SocketSession session = sessions.get(socket);
    JsonObject raw = ev.getRawMessage();
    if (session == null || raw == null) {
      refuse(ev, "no-session");
      return;
    }
    if (!session.admitFrame(System.nanoTime(), settings.frameRate(), settings.frameBurst())) {
      refuse(ev, "rate");
      if (session.strikes() > settings.frameStrikes()) {
        stats.refused("rate-closed");
        socket.close();
      }
      return;
    }
    if (raw.encode().length() > settings.maxMessageBytes()) {
      refuse(ev, "too-large");
      return;
    }
    authenticateFrame(session, socket, raw).onSuccess(authenticated -> {
      if (authenticated) {
        authorize(ev, socket, session, raw);
      } else {
        refuse(ev, "token");
      }
    });
  }

  private void authorize(BridgeEvent ev, SockJSSocket socket, SocketSession session, JsonObject raw) {
    if (!session.authenticated()) {
      refuse(ev, "unauthenticated");
      return;
    }
    if (session.expired(System.currentTimeMillis())) {
      refuse(ev, "expired");
      socket.close();
      return;
    }
    stats.in();
    Principal principal = session.principal();
    String address = raw.getValue("address") instanceof String a ? a : null;
    boolean fresh = address != null && !session.holds(address);
    if (ev.type() == BridgeEventType.REGISTER && (address == null || !session.reserve(address, settings.maxHandlers()))) {
      refuse(ev, "max-handlers");
      return;
    }
    Future<Boolean> verdict = switch (ev.type()) {
      case REGISTER -> mayListen(principal, address);
      case SEND -> maySend(principal, address, raw.getValue("body"));
      default -> Future.succeededFuture(false);
    };
    verdict.onComplete(r -> {
      boolean stillOpen = sessions.get(socket) == session; // a socket closed during the check must not gain a handler
      if (r.succeeded() && r.result() && stillOpen) {
        if (ev.type() == BridgeEventType.SEND) {
          ev.setRawMessage(raw.put("headers", PrincipalHeaders.frame(principal)));
        }
        ev.complete(true);
      } else {
        if (ev.type() == BridgeEventType.REGISTER && fresh) {
          session.release(address);
        }
        refuse(ev, ev.type().name().toLowerCase(java.util.Locale.ROOT));
      }
    });
  }

  private void onUnregister(BridgeEvent ev) {
    SocketSession session = sessions.get(ev.socket());
    JsonObject raw = ev.getRawMessage();
    if (session != null && raw != null && raw.getValue("address") instanceof String address) {
      session.release(address);
    }
    ev.complete(true);
  }

  /** A frame may carry a {@code token} header: it authenticates the socket, or renews it for the same principal. */
  private Future<Boolean> authenticateFrame(SocketSession session, SockJSSocket socket, JsonObject raw) {
    Object headers = raw.getValue("headers");
    if (!(headers instanceof JsonObject h) || !h.containsKey(SocketAuth.TOKEN)) {
      return Future.succeededFuture(true);
    }
    if (!(h.remove(SocketAuth.TOKEN) instanceof String token)) {
      return Future.succeededFuture(false);
    }
    return auth.verify(token).map(who -> who.isPresent() && renew(session, socket, who.get()));
  }

  private boolean renew(SocketSession session, SockJSSocket socket, SocketAuth.Authenticated who) {
    if (!session.accepts(who.principal())) {
      return false;
    }
    boolean renewed = who.expiresAtMs() > session.expiresAtMs();
    session.authenticate(who);
    if (renewed) {
      schedule(socket, session, session.expiresAtMs());
    }
    return true;
  }

  /** Own identity addresses always; an order's address only for a party of that order; the operations feed for admins. */
  Future<Boolean> mayListen(Principal principal, String address) {
    if (ClientAddresses.ADMINS.equals(address)) {
      return Future.succeededFuture(principal.is(Role.ADMIN));
    }
    Optional<ClientAddress> target = ClientAddress.parse(address);
    if (target.isEmpty() || address.length() > settings.maxAddressLength()) {
      return Future.succeededFuture(false);
    }
    if (target.get().isOwnedBy(principal)) {
      return Future.succeededFuture(true);
    }
    if (target.get().isOrder() && !principal.is(Role.ADMIN)) {
      return parties.of(target.get().id(), principal).map(OrderParties.Parties::party);
    }
    return Future.succeededFuture(false);
  }

  private Future<Boolean> maySend(Principal principal, String address, Object body) {
    if (address == null) {
      return Future.succeededFuture(false);
    }
    return switch (address) {
      case RealtimeAddresses.RIDER_LOCATION -> Future.succeededFuture(principal.is(Role.RIDER));
      case RealtimeAddresses.TYPING -> Future.succeededFuture(!principal.is(Role.ADMIN));
      case ClientAddresses.CLIENT_REPLAY -> body instanceof JsonObject query && query.getValue("address") instanceof String a
        ? mayListen(principal, a) : Future.succeededFuture(false);
      default -> Future.succeededFuture(false);
    };
  }

  private void onReceive(BridgeEvent ev) {
    if (ev.socket().writeQueueFull()) {
      stats.slowDrop();
      ev.complete(false);
      return;
    }
    stats.out();
    ev.complete(true);
  }

  /** At {@code atMs}: closes the socket if it is still unauthenticated or its token has expired by then. */
  private void schedule(SockJSSocket socket, SocketSession session, long atMs) {
    vertx.cancelTimer(session.timerId());
    session.timerId(vertx.setTimer(Math.max(1, atMs - System.currentTimeMillis()), id -> {
      if (sessions.get(socket) == session && (!session.authenticated() || session.expired(System.currentTimeMillis()))) {
        stats.refused(session.authenticated() ? "expired" : "unauthenticated");
        socket.close();
      }
    }));
  }

  /**
   * A {@code identity.v1.sessions-ended} announcement: closes this instance's sockets of those sessions (or of the
   * whole account), counted as {@code revoked}.
   */
  void sessionsEnded(JsonObject announcement) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    JsonArray listed = announcement.getJsonArray("sessionIds", new JsonArray());
    listed.forEach(id -> {
      if (id instanceof String s) {
        ids.add(s);
      }
    });
    String accountId = announcement.getValue("accountId") instanceof String a ? a : null;
    List<SockJSSocket> doomed = sessions.entrySet().stream()
      .filter(e -> e.getValue().endedBy(ids, accountId)).map(Map.Entry::getKey).toList();
    doomed.forEach(socket -> {
      stats.refused("revoked");
      socket.close();
    });
  }

  private void refuse(BridgeEvent ev, String reason) {
    stats.refused(reason);
    ev.complete(false);
  }
}
