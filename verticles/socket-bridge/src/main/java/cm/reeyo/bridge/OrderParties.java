package cm.reeyo.bridge;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the bridge asks the order engine, with answers reused briefly (per verticle instance):
 * <ul>
 *   <li>{@link OrderAddresses#PARTY_CHECK} {@code {orderId, principalId, role}} → {@code {party, userId, vendorId, riderId}}
 *   (ids of the order's parties; {@code riderId} null until assigned);</li>
 *   <li>{@link OrderAddresses#ACTIVE_FOR_RIDER} {@code {riderId}} → {@code {orderIds: [...]}} (orders the rider carries).</li>
 * </ul>
 * A failed or absent order engine means "not a party" and "no active orders": the bridge fails closed.
 */
final class OrderParties {

  private static final long NEGATIVE_TTL_MS = 2_000;

  private final BusClient bus;
  private final long ttlMs;
  private final TtlCache<String, Parties> parties;
  private final TtlCache<String, List<String>> active;

  OrderParties(Vertx vertx, long ttlMs) {
    this.bus = BusClient.of(vertx);
    this.ttlMs = ttlMs;
    this.parties = new TtlCache<>(50_000, System::currentTimeMillis);
    this.active = new TtlCache<>(50_000, System::currentTimeMillis);
  }

  /** The order's parties as seen by {@code principal}; {@link Parties#party()} says whether it is one of them. */
  Future<Parties> of(String orderId, Principal principal) {
    String key = orderId + "|" + principal.role() + "|" + principal.id();
    Parties cached = parties.get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    JsonObject query = new JsonObject().put("orderId", orderId).put("principalId", principal.id())
      .put("role", principal.role().name());
    return bus.request(OrderAddresses.PARTY_CHECK, query).map(Parties::fromJson)
      .andThen(r -> {
        if (r.succeeded()) {
          parties.put(key, r.result(), r.result().party() ? ttlMs : Math.min(ttlMs, NEGATIVE_TTL_MS));
        }
      })
      .otherwise(Parties.NONE);
  }

  /** Ids of the orders the rider carries now. */
  Future<List<String>> activeFor(String riderId) {
    List<String> cached = active.get(riderId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return bus.request(OrderAddresses.ACTIVE_FOR_RIDER, new JsonObject().put("riderId", riderId))
      .map(reply -> reply.getJsonArray("orderIds", new JsonArray()).stream()
        .filter(String.class::isInstance).map(String.class::cast).toList())
      .andThen(r -> {
        if (r.succeeded()) {
          active.put(riderId, r.result(), ttlMs);
        }
      })
      .otherwise(List.of());
  }

  /** An order's parties and whether the asking principal is one of them. */
  record Parties(boolean party, String userId, String vendorId, String riderId) {

    static final Parties NONE = new Parties(false, null, null, null);

    static Parties fromJson(JsonObject json) {
      return new Parties(Boolean.TRUE.equals(json.getValue("party")), json.getString("userId"),
        json.getString("vendorId"), json.getString("riderId"));
    }
  }
}
