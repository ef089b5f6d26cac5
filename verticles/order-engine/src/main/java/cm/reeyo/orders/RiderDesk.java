package cm.reeyo.orders;

import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rider's side: going online/offline (GEO presence), taking an offer (one conditional transaction decides),
 * the orders a rider carries (for the socket bridge), and the sweeper that drops riders silent for 2 minutes.
 */
final class RiderDesk {

  public static final String CONF_PRESENCE = "presence";
  public static final String CONF_STALE_AFTER_MS = "staleAfterMs";
  public static final long DEFAULT_STALE_AFTER_MS = 120_000;

  /** Removes a rider from last-seen and online only if still stale (a fresh location in between wins). */
  private static final String DROP_IF_STALE = "local s = redis.call('ZSCORE', KEYS[1], ARGV[1]) "
    + "if s and tonumber(s) <= tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) "
    + "redis.call('ZREM', KEYS[2], ARGV[1]) return 1 end return 0";

  private final Dynamo dynamo;
  private final RedisAPI redis;
  private final OrderStore store;
  private final AccountReader accounts;
  private final Dispatcher dispatcher;
  private final Events events;
  private final long staleAfterMs;

  RiderDesk(JsonObject config, Dynamo dynamo, RedisAPI redis, OrderStore store, AccountReader accounts,
            Dispatcher dispatcher, Events events) {
    this.dynamo = dynamo;
    this.redis = redis;
    this.store = store;
    this.accounts = accounts;
    this.dispatcher = dispatcher;
    this.events = events;
    this.staleAfterMs = config.getJsonObject(CONF_PRESENCE, new JsonObject()).getLong(CONF_STALE_AFTER_MS, DEFAULT_STALE_AFTER_MS);
  }

  /** {@code {isOnline, lat, lng}}: an APPROVED rider joins {@code riders:online} (or leaves it). */
  Future<JsonObject> setStatus(Principal p, JsonObject body) {
    if (p.role() != Role.RIDER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only riders go online"));
    }
    boolean online = Boolean.TRUE.equals(body.getValue("isOnline"));
    Double lat = body.getDouble("lat");
    Double lng = body.getDouble("lng");
    if (online && (lat == null || lng == null)) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("lat and lng are required to go online"));
    }
    return accounts.rider(p.id()).compose(rider -> {
      if (rider == null) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such rider"));
      }
      if (online && !AccountReader.approved(rider)) {
        return Future.failedFuture(ErrorCode.NOT_APPROVED.exception("Your account is not approved yet"));
      }
      Future<?> presence = online
        ? redis.geoadd(List.of(RedisKeys.RIDERS_ONLINE, String.valueOf(lng), String.valueOf(lat), p.id()))
          .compose(v -> redis.zadd(List.of(RedisKeys.RIDERS_LAST_SEEN, String.valueOf(System.currentTimeMillis()), p.id())))
        : leave(p.id());
      JsonObject fields = new JsonObject().put("isOnline", online).put("onlineStatus", online ? "ONLINE" : "OFFLINE")
        .put("updatedAt", Timestamps.now());
      if (online) {
        fields.put("currentLocation", new JsonObject().put("lat", lat).put("lng", lng));
      }
      return presence.compose(v -> updateRider(p.id(), fields))
        .map(v -> new JsonObject().put("riderId", p.id()).put("isOnline", online));
    });
  }

  private Future<Void> leave(String riderId) {
    return redis.zrem(List.of(RedisKeys.RIDERS_ONLINE, riderId))
      .compose(v -> redis.zrem(List.of(RedisKeys.RIDERS_LAST_SEEN, riderId))).mapEmpty();
  }

  private Future<Void> updateRider(String riderId, JsonObject fields) {
    Map<String, String> names = new HashMap<>();
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new HashMap<>();
    StringBuilder expr = new StringBuilder();
    int i = 0;
    for (String f : fields.fieldNames()) {
      names.put("#f" + i, f);
      values.put(":v" + i, Items.value(fields.getValue(f)));
      expr.append(i == 0 ? "SET " : ", ").append("#f").append(i).append(" = :v").append(i++);
    }
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(CoreTables.RIDERS)).key(Items.key("riderId", riderId))
      .updateExpression(expr.toString()).conditionExpression("attribute_exists(riderId)")
      .expressionAttributeNames(names).expressionAttributeValues(values))).mapEmpty();
  }

  /**
   * A rider takes an offer: one transaction gives the order to the rider only while neither has another (the
   * order no rider, the rider no active order); other riders get 409 OFFER_TAKEN, a busy rider 409 CONFLICT.
   */
  Future<JsonObject> accept(Principal p, JsonObject body) {
    if (p.role() != Role.RIDER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only riders take offers"));
    }
    String orderId = Requests.requiredString(body, "orderId");
    return redis.sismember(DispatchKeys.offers(orderId), p.id()).compose(member -> member.toInteger() == 1
        ? accounts.rider(p.id())
        : lost(orderId, p.id()))
      .compose(rider -> store.assignRider(orderId, p.id(), new JsonObject()
          .put("riderName", (rider.getString("firstName", "") + " " + rider.getString("lastName", "")).trim())
          .put("riderPhone", rider.getString("phone")).put("vehicleType", rider.getString("vehicleType"))
          .put("riderAssignedAt", Timestamps.now()).put("updatedAt", Timestamps.now()),
          Lifecycle.entry("RIDER_ASSIGNED", p, null))
        .recover(f -> redis.zrem(List.of(DispatchKeys.riderOffers(p.id()), orderId))
          .transform(ignored -> Future.failedFuture(f))))
      .compose(order -> redis.sadd(List.of(DispatchKeys.riderActive(p.id()), order.getString("orderId")))
        .compose(v -> dispatcher.finished(order)).map(order))
      .map(order -> {
        events.domain("order.rider-assigned", order);
        events.toParties(order, ClientEvent.RIDER_ASSIGNED, new JsonObject().put("orderId", orderId)
          .put("riderId", p.id()).put("name", order.getString("riderName")).put("phone", order.getString("riderPhone"))
          .put("vehicle", order.getString("vehicleType")), Role.USER, Role.VENDOR);
        if (Lifecycle.READY.equals(order.getString("status"))) {
          events.toRider(p.id(), ClientEvent.ORDER_READY, new JsonObject().put("orderId", orderId)
            .put("pickupAddress", order.getJsonObject("vendorAddress")));
        }
        return Events.view(order, Role.RIDER);
      });
  }

  /** No open offer: OFFER_TAKEN for a rider who was offered the order and lost it, NOT_FOUND for anyone else. */
  private Future<JsonObject> lost(String orderId, String riderId) {
    return redis.sismember(DispatchKeys.offered(orderId), riderId)
      .compose(offered -> offered.toInteger() == 1 ? store.find(orderId) : Future.<JsonObject>succeededFuture())
      .compose(o -> Future.<JsonObject>failedFuture(o != null && o.getString("riderId") != null
        ? ErrorCode.OFFER_TAKEN.exception("Another rider has taken this order")
        : ErrorCode.NOT_FOUND.exception("No such offer")));
  }

  /** {@code {riderId}} → {@code {orderIds}}: the orders a rider carries now. */
  Future<JsonObject> active(JsonObject body) {
    return redis.smembers(DispatchKeys.riderActive(Requests.requiredString(body, "riderId")))
      .map(r -> new JsonObject().put("orderIds", new JsonArray(Dispatcher.strings(r))));
  }

  /** Drops riders whose last location is older than the presence window; one sweeper wins each rider. */
  Future<Void> sweep() {
    long cutoff = System.currentTimeMillis() - staleAfterMs;
    return redis.zrangebyscore(List.of(RedisKeys.RIDERS_LAST_SEEN, "-inf", String.valueOf(cutoff), "LIMIT", "0", "100"))
      .compose(stale -> {
        Future<Void> chain = Future.succeededFuture();
        for (Response member : stale) {
          String riderId = member.toString();
          chain = chain.compose(v -> redis.eval(List.of(DROP_IF_STALE, "2", RedisKeys.RIDERS_LAST_SEEN,
              RedisKeys.RIDERS_ONLINE, riderId, String.valueOf(cutoff)))
            .compose(dropped -> dropped.toInteger() == 1
              ? updateRider(riderId, new JsonObject().put("isOnline", false).put("onlineStatus", "OFFLINE")).otherwiseEmpty()
              : Future.succeededFuture()));
        }
        return chain;
      });
  }
}
