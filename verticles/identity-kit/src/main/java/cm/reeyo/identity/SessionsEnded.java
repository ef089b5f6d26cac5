package cm.reeyo.identity;

import cm.reeyo.contracts.IdentityAddresses;
import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;

/**
 * Announces ended sessions on {@link IdentityAddresses#SESSIONS_ENDED}, so every socket-bridge instance on every node
 * closes their sockets. Called by {@link Sessions} after the sessions' Redis marks are written, so a socket that
 * reconnects with an ended token is refused too.
 */
public final class SessionsEnded {

  private static final int MAX_IDS = 1000;

  private final BusClient bus;

  private SessionsEnded(BusClient bus) {
    this.bus = bus;
  }

  public static SessionsEnded on(Vertx vertx) {
    return new SessionsEnded(BusClient.of(vertx));
  }

  /** Announces nothing (stores used outside a running API). */
  public static SessionsEnded none() {
    return new SessionsEnded(null);
  }

  /** These sessions ended; with {@code accountId} (may be null) every session of that account did. */
  void announce(Collection<String> sessionIds, String accountId, String reason) {
    if (bus == null || (sessionIds.isEmpty() && accountId == null)) {
      return;
    }
    JsonObject message = new JsonObject().put("sessionIds", new JsonArray(sessionIds.stream().limit(MAX_IDS).toList()))
      .put("reason", reason);
    if (accountId != null) {
      message.put("accountId", accountId);
    }
    bus.publish(IdentityAddresses.SESSIONS_ENDED, message);
  }
}
