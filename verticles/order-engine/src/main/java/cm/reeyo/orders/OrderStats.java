package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Instant;
import java.util.List;

/**
 * The order side of the admin dashboard ({@link OrderAddresses#STATS}): the day's orders by status, how many were
 * delivered and the average time from placement (the timeline's PENDING entry) to delivery, read from the day's
 * counters ({@link DayCounters}: one Query of a few items, whatever the number of orders), and the riders online now
 * ({@code ZCARD riders:online}).
 */
final class OrderStats {

  static final List<String> STATUSES = List.of(Lifecycle.AWAITING_PAYMENT, Lifecycle.PENDING, Lifecycle.ACCEPTED,
    Lifecycle.PREPARING, Lifecycle.READY, Lifecycle.PICKED_UP, Lifecycle.DELIVERED, Lifecycle.REJECTED, Lifecycle.CANCELLED);

  private final DayCounters counters;
  private final RedisAPI redis;

  OrderStats(DayCounters counters, RedisAPI redis) {
    this.counters = counters;
    this.redis = redis;
  }

  Future<JsonObject> day(Principal p, JsonObject body) {
    if (p.role() != Role.ADMIN) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only admins read the dashboard"));
    }
    String day = day(body);
    Future<Long> online = redis.zcard(RedisKeys.RIDERS_ONLINE).map(n -> n == null ? 0L : n.toLong());
    return counters.day(day).compose(figures -> online.map(n -> figures.toJson(day).put("ridersOnline", n)));
  }

  /** The request's {@code day} (YYYY-MM-DD, default today in UTC); VALIDATION_FAILED otherwise. */
  static String day(JsonObject body) {
    Object asked = body.getValue("day");
    String day = asked == null ? Ids.day(Instant.now()) : String.valueOf(asked);
    if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw ErrorCode.VALIDATION_FAILED.exception("day must be YYYY-MM-DD");
    }
    return day;
  }
}
