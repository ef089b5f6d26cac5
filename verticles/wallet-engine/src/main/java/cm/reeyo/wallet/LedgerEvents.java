package cm.reeyo.wallet;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** After a commit: the domain event on {@link WalletAddresses#EVENTS}, and {@code wallet_updated} to each owner. */
public final class LedgerEvents {

  /** Result fields of a transfer that also go into its event, when the transfer sets them (who it concerns, why). */
  static final List<String> EVENT_FIELDS = List.of("ownerId", "ownerType", "amount", "payoutId", "reason");

  private final Vertx vertx;
  private final ClientPublisher clients;
  private final Clock clock;

  public LedgerEvents(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clients = new ClientPublisher(vertx);
    this.clock = clock;
  }

  void committed(Transfer t, JsonObject answer) {
    String at = Timestamps.format(clock.instant());
    JsonArray legs = answer.getJsonArray("legs");
    JsonObject event = new JsonObject()
      .put("type", t.kind())
      .put("transferId", t.transferId())
      .put("key", t.key())
      .put("reference", t.reference())
      .put("legs", legs)
      .put("at", at);
    EVENT_FIELDS.forEach(f -> {
      if (t.result().getValue(f) != null) {
        event.put(f, t.result().getValue(f));
      }
    });
    vertx.eventBus().publish(WalletAddresses.EVENTS, event);
    BusinessMetrics.transfer(t.kind(), credits(legs));
    Map<String, JsonObject> lastByWallet = new LinkedHashMap<>();
    legs.stream().map(JsonObject.class::cast).forEach(l -> lastByWallet.put(l.getString("walletId"), l));
    lastByWallet.values().forEach(l -> {
      Role role = roleOf(l.getString("ownerType"));
      if (role != null) {
        clients.publish(ClientAddresses.of(role, l.getString("ownerId")), ClientEvent.WALLET_UPDATED, new JsonObject()
          .put("walletId", l.getString("walletId"))
          .put("balance", l.getLong("balanceAfter"))
          .put("transferId", t.transferId())
          .put("kind", t.kind())
          .put("reference", t.reference()));
      }
    });
  }

  private static long credits(JsonArray legs) {
    return legs.stream().map(JsonObject.class::cast).filter(l -> "CREDIT".equals(l.getString("type")))
      .mapToLong(l -> Math.abs(l.getLong("amount", 0L))).sum();
  }

  private static Role roleOf(String ownerType) {
    try {
      Role role = Role.valueOf(ownerType);
      return role == Role.ADMIN ? null : role;
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
