package cm.reeyo.bridge;

import cm.reeyo.contracts.bus.BusRequest;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEnvelope;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.RiderLocation;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * {@link RealtimeAddresses#RIDER_LOCATION}: a rider's position fix (from a socket or the rider API's REST twin). Riders
 * only (principal from the headers); at most one fix per {@code locationMinIntervalMs} per rider; stored in Redis GEO
 * {@code riders:online} with the time in {@code riders:last-seen} (epoch ms), then sent live as
 * {@code rider_location_update} to {@code client.order.<id>} of every order the rider carries, and to the admins' feed
 * {@code client.admins} (without {@code orderId}).
 * Replies {@code {accepted: true, orders: n}}; VALIDATION_FAILED, FORBIDDEN or RATE_LIMITED otherwise.
 */
final class RiderLocationService {

  private static final String STORE =
    "if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 0 end "
      + "redis.call('GEOADD', KEYS[2], ARGV[2], ARGV[3], ARGV[4]) "
      + "redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4]) "
      + "return 1";

  private final RedisAPI redis;
  private final OrderParties parties;
  private final ClientOutbox outbox;
  private final long minIntervalMs;
  private final BridgeStats stats;

  RiderLocationService(RedisAPI redis, OrderParties parties, ClientOutbox outbox, long minIntervalMs, BridgeStats stats) {
    this.stats = stats;
    this.redis = redis;
    this.parties = parties;
    this.outbox = outbox;
    this.minIntervalMs = minIntervalMs;
  }

  /** The request is already checked against its contract (a RIDER principal; the fix's shape and bounds). */
  Future<JsonObject> handle(BusRequest request) {
    RiderLocation fix;
    try {
      fix = validate(request.body());
    } catch (ApiError e) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception(e.getMessage()));
    }
    String riderId = request.caller().id();
    return store(riderId, fix)
      .compose(stored -> stored ? forward(riderId, fix) : Future.failedFuture(
        ErrorCode.RATE_LIMITED.exception("at most one location every " + minIntervalMs + " ms")))
      .map(orders -> new JsonObject().put("accepted", true).put("orders", orders))
      .recover(failure -> {
        ErrorCode code = ErrorCode.of(failure) == ErrorCode.INTERNAL ? ErrorCode.UNAVAILABLE : ErrorCode.of(failure);
        stats.refused("location-" + code.name());
        return Future.failedFuture(code.exception(failure.getMessage()));
      });
  }

  /** The body as a fix, or a VALIDATION_FAILED {@link ApiError} naming every problem. */
  static RiderLocation validate(Object body) {
    if (!(body instanceof JsonObject json)) {
      throw ApiError.validation("body", "must be an object");
    }
    JsonCheck check = JsonCheck.of(json).allowOnly(RiderLocation.FIELDS);
    check.number("lat", -90, 90);
    check.number("lng", -180, 180);
    check.optionalNumber("heading", 0, RiderLocation.MAX_HEADING);
    check.optionalNumber("speed", 0, RiderLocation.MAX_SPEED);
    check.done();
    return RiderLocation.fromJson(json);
  }

  private Future<Boolean> store(String riderId, RiderLocation fix) {
    return redis.eval(List.of(STORE, "3", "rl:location:" + riderId, RedisKeys.RIDERS_ONLINE, RedisKeys.RIDERS_LAST_SEEN,
        String.valueOf(minIntervalMs), String.valueOf(fix.lng()), String.valueOf(fix.lat()), riderId,
        String.valueOf(System.currentTimeMillis())))
      .map(reply -> reply != null && reply.toInteger() == 1);
  }

  private Future<Integer> forward(String riderId, RiderLocation fix) {
    outbox.publishLive(ClientAddresses.ADMINS,
      ClientEnvelope.of(ClientEvent.RIDER_LOCATION_UPDATE, fix.toJson().put("riderId", riderId)).toJson());
    return parties.activeFor(riderId).map(orderIds -> {
      for (String orderId : orderIds) {
        JsonObject data = fix.toJson().put("orderId", orderId).put("riderId", riderId);
        outbox.publishLive(ClientAddresses.order(orderId), ClientEnvelope.of(ClientEvent.RIDER_LOCATION_UPDATE, data).toJson());
      }
      return orderIds.size();
    });
  }
}
