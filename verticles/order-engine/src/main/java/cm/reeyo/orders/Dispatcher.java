package cm.reeyo.orders;

import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers an accepted order to the nearest online, approved, idle riders around the vendor (GEOSEARCH on
 * {@code riders:online}), widening the radius each time an offer round times out. Deadlines live in the
 * {@code orders:pending} sorted set (score = next deadline), so any instance on any node can run the next round:
 * the periodic scan claims an order with ZREM (one claimer wins). After the last radius the order stays pending
 * (re-offered at the last radius every timeout) and the vendor and admins are told once.
 */
final class Dispatcher {

  public static final String CONF = "dispatch";
  public static final String CONF_RADII_KM = "radiiKm";
  public static final String CONF_OFFER_TIMEOUT_MS = "offerTimeoutMs";
  public static final String CONF_RIDERS_PER_ROUND = "ridersPerRound";
  public static final List<Double> DEFAULT_RADII_KM = List.of(5.0, 8.0, 12.0);
  public static final long DEFAULT_OFFER_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_RIDERS_PER_ROUND = 5;

  private final OrderStore store;
  private final AccountReader accounts;
  private final Events events;
  private final RedisAPI redis;
  private final WalletClient wallet;
  private final Vertx vertx;
  private final List<Double> radii = new ArrayList<>();
  private final long offerTimeoutMs;
  private final int ridersPerRound;

  Dispatcher(Vertx vertx, JsonObject config, OrderStore store, AccountReader accounts, Events events, RedisAPI redis,
             WalletClient wallet) {
    this.vertx = vertx;
    this.wallet = wallet;
    this.store = store;
    this.accounts = accounts;
    this.events = events;
    this.redis = redis;
    JsonObject c = config.getJsonObject(CONF, new JsonObject());
    JsonArray r = c.getJsonArray(CONF_RADII_KM);
    if (r == null || r.isEmpty()) {
      radii.addAll(DEFAULT_RADII_KM);
    } else {
      r.forEach(x -> radii.add(((Number) x).doubleValue()));
    }
    this.offerTimeoutMs = c.getLong(CONF_OFFER_TIMEOUT_MS, DEFAULT_OFFER_TIMEOUT_MS);
    this.ridersPerRound = c.getInteger(CONF_RIDERS_PER_ROUND, DEFAULT_RIDERS_PER_ROUND);
  }

  /** First round for an order the vendor just accepted. */
  Future<Void> start(JsonObject order) {
    return offerRound(order, 0);
  }

  private Future<Void> offerRound(JsonObject order, int round) {
    String orderId = order.getString("orderId");
    int index = Math.min(round, radii.size() - 1);
    long expiry = System.currentTimeMillis() + offerTimeoutMs;
    JsonObject pickup = order.getJsonObject("vendorAddress");
    List<String> search = List.of(RedisKeys.RIDERS_ONLINE, "FROMLONLAT", String.valueOf(pickup.getDouble("lng")),
      String.valueOf(pickup.getDouble("lat")), "BYRADIUS", String.valueOf(radii.get(index)), "km", "ASC", "COUNT", "50");
    return redis.smembers(DispatchKeys.offers(orderId)).map(Dispatcher::strings)
      .compose(already -> redis.geosearch(search).compose(found -> {
        List<String> candidates = new ArrayList<>();
        for (Response hit : found) {
          String riderId = hit.toString();
          if (!already.contains(riderId)) {
            candidates.add(riderId);
          }
        }
        return eligible(order, candidates, new ArrayList<>(), 0);
      }).compose(fresh -> {
        List<Future<?>> writes = new ArrayList<>();
        List<String> all = new ArrayList<>(already);
        all.addAll(fresh);
        for (String riderId : all) {
          writes.add(redis.sadd(List.of(DispatchKeys.offers(orderId), riderId)));
          writes.add(redis.sadd(List.of(DispatchKeys.offered(orderId), riderId)));
          writes.add(redis.zadd(List.of(DispatchKeys.riderOffers(riderId), String.valueOf(expiry), orderId)));
        }
        writes.add(redis.set(List.of(DispatchKeys.round(orderId), String.valueOf(round), "EX", "86400")));
        writes.add(redis.zadd(List.of(RedisKeys.ORDERS_PENDING, String.valueOf(expiry), orderId)));
        writes.add(redis.expire(List.of(DispatchKeys.offers(orderId), "86400")));
        writes.add(redis.expire(List.of(DispatchKeys.offered(orderId), "86400")));
        return Future.all(writes).map(v -> {
          fresh.forEach(riderId -> events.toRider(riderId, ClientEvent.NEW_ORDER, offer(order, expiry)));
          if (!fresh.isEmpty()) {
            events.offered(order, fresh);
          }
          return null;
        });
      }));
  }

  /**
   * Riders among {@code candidates} who are idle (Redis busy set, then their item's hold) and approved, and for a
   * CASH order whose collected cash stays within their limit, up to the per-round limit, nearest first.
   */
  private Future<List<String>> eligible(JsonObject order, List<String> candidates, List<String> chosen, int i) {
    if (i >= candidates.size() || chosen.size() >= ridersPerRound) {
      return Future.succeededFuture(chosen);
    }
    String riderId = candidates.get(i);
    return redis.scard(DispatchKeys.riderActive(riderId)).compose(active -> active.toLong() > 0
        ? Future.succeededFuture(false)
        : accounts.rider(riderId).compose(r -> AccountReader.approved(r) && !r.containsKey("activeOrderId")
          ? canCarry(order, r) : Future.succeededFuture(false)))
      .compose(ok -> {
        if (ok) {
          chosen.add(riderId);
        }
        return eligible(order, candidates, chosen, i + 1);
      });
  }

  /**
   * A CASH order leaves the rider owing the platform its subtotal: only riders without blocked settlements whose
   * headroom (balance + cash limit) covers it. Without an answer from the wallet the rider is offered anyway
   * (a settlement the limit refuses is then blocked and listed, never lost).
   */
  private Future<Boolean> canCarry(JsonObject order, JsonObject rider) {
    if (!"CASH".equals(order.getString("paymentMethod"))) {
      return Future.succeededFuture(true);
    }
    JsonArray blocked = rider.getJsonArray("blockedSettlements");
    if (blocked != null && !blocked.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return wallet.riderCash(rider.getString("riderId"))
      .map(cash -> cash.getLong("headroom", Long.MAX_VALUE) >= order.getLong("subtotal", 0L))
      .otherwise(true);
  }

  /**
   * What a rider sees of an order before taking it: the pickup, and only an approximate drop-off
   * ({@link #approximate}); the exact address comes with the accepted order.
   */
  static JsonObject offer(JsonObject order, long expiry) {
    return new JsonObject().put("orderId", order.getString("orderId")).put("vendorName", order.getString("vendorName"))
      .put("items", order.getJsonArray("items")).put("pickup", order.getJsonObject("vendorAddress"))
      .put("delivery", approximate(order.getJsonObject("deliveryAddress"))).put("deliveryFee", order.getLong("deliveryFee"))
      .put("distance", order.getDouble("distance")).put("status", order.getString("status"))
      .put("expiresAt", Timestamps.format(Instant.ofEpochMilli(expiry)));
  }

  /**
   * The customer's drop-off as an offer shows it: the city and coordinates rounded to 0.01° (about 1 km), flagged
   * {@code approximate}; never the street lines, landmark, label or instructions.
   */
  static JsonObject approximate(JsonObject address) {
    JsonObject exact = address == null ? new JsonObject() : address;
    JsonObject rough = new JsonObject().put("approximate", true);
    if (exact.getValue("city") instanceof String city) {
      rough.put("city", city);
    }
    if (exact.getValue("lat") instanceof Number lat && exact.getValue("lng") instanceof Number lng) {
      rough.put("lat", Math.round(lat.doubleValue() * 100) / 100.0).put("lng", Math.round(lng.doubleValue() * 100) / 100.0);
    }
    return rough;
  }

  /** Runs the rounds whose deadline passed; each order is claimed by exactly one scanner (ZREM answers 1 once). */
  Future<Void> scanDue() {
    return redis.zrangebyscore(List.of(RedisKeys.ORDERS_PENDING, "-inf", String.valueOf(System.currentTimeMillis()),
        "LIMIT", "0", "20"))
      .compose(due -> {
        List<Future<?>> rounds = new ArrayList<>();
        for (Response member : due) {
          String orderId = member.toString();
          rounds.add(redis.zrem(List.of(RedisKeys.ORDERS_PENDING, orderId))
            .compose(removed -> removed.toInteger() == 1 ? nextRound(orderId) : Future.succeededFuture())
            .otherwiseEmpty());
        }
        return Future.all(rounds).mapEmpty();
      });
  }

  private Future<Void> nextRound(String orderId) {
    return store.find(orderId).compose(order -> {
      if (order == null || order.getString("riderId") != null || !Lifecycle.DISPATCHABLE.contains(order.getString("status"))) {
        return order == null ? Future.succeededFuture() : finished(order);
      }
      return redis.get(DispatchKeys.round(orderId)).compose(r -> {
        int round = (r == null ? 0 : r.toInteger()) + 1;
        return offerRound(order, round).compose(v -> round >= radii.size() ? exhausted(order) : Future.succeededFuture());
      });
    });
  }

  private Future<Void> exhausted(JsonObject order) {
    String orderId = order.getString("orderId");
    return redis.set(List.of(DispatchKeys.exhausted(orderId), "1", "NX", "EX", "86400")).map(set -> {
      if (set != null) {
        JsonObject data = new JsonObject().put("orderId", orderId).put("reason", "NO_RIDER_AVAILABLE")
          .put("radiusKm", radii.get(radii.size() - 1));
        events.toVendor(order.getString("vendorId"), ClientEvent.ORDER_UNASSIGNED, data);
        vertx.eventBus().publish(OrderAddresses.EVENTS, new JsonObject().put("type", "order.no-rider")
          .put("orderId", orderId).put("status", order.getString("status")).put("order", Events.view(order, Role.VENDOR))
          .put("at", Timestamps.now()));
      }
      return null;
    });
  }

  /** Open offers of a rider (expired ones dropped), as offer summaries. */
  Future<JsonObject> offers(Principal p) {
    if (p.role() != Role.RIDER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only riders have offers"));
    }
    String key = DispatchKeys.riderOffers(p.id());
    return redis.zremrangebyscore(key, "-inf", String.valueOf(System.currentTimeMillis()))
      .compose(v -> redis.zrange(List.of(key, "0", "-1", "WITHSCORES")))
      .compose(list -> {
        List<Future<JsonObject>> orders = new ArrayList<>();
        for (Response pair : list) {
          long expiry = (long) Double.parseDouble(pair.get(1).toString());
          orders.add(store.find(pair.get(0).toString()).map(o -> o == null || o.getString("riderId") != null
            || !Lifecycle.DISPATCHABLE.contains(o.getString("status")) ? null : offer(o, expiry)));
        }
        return Future.all(orders).map(all -> {
          JsonArray items = new JsonArray();
          orders.forEach(f -> {
            if (f.result() != null) {
              items.add(f.result());
            }
          });
          return new JsonObject().put("items", items).put("nextCursor", (String) null);
        });
      });
  }

  /** Withdraws every offer of an order that got a rider, was delivered or cancelled; frees its rider when done. */
  Future<Void> finished(JsonObject order) {
    String orderId = order.getString("orderId");
    String keeper = Lifecycle.DISPATCHABLE.contains(order.getString("status")) || Lifecycle.PICKED_UP.equals(order.getString("status"))
      ? order.getString("riderId") : null;
    return redis.smembers(DispatchKeys.offers(orderId)).map(Dispatcher::strings).compose(offered -> {
      List<Future<?>> writes = new ArrayList<>();
      for (String riderId : offered) {
        writes.add(redis.zrem(List.of(DispatchKeys.riderOffers(riderId), orderId)));
        if (!riderId.equals(keeper)) {
          events.toRider(riderId, ClientEvent.OFFER_WITHDRAWN, new JsonObject().put("orderId", orderId));
        }
      }
      writes.add(redis.del(List.of(DispatchKeys.offers(orderId), DispatchKeys.round(orderId), DispatchKeys.exhausted(orderId))));
      writes.add(redis.zrem(List.of(RedisKeys.ORDERS_PENDING, orderId)));
      String riderId = order.getString("riderId");
      if (riderId != null && keeper == null) {
        writes.add(redis.srem(List.of(DispatchKeys.riderActive(riderId), orderId)));
      }
      return Future.all(writes).mapEmpty();
    });
  }

  static List<String> strings(Response r) {
    List<String> out = new ArrayList<>();
    if (r != null) {
      r.forEach(x -> out.add(x.toString()));
    }
    return out;
  }
}
