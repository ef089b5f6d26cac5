package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.geo.VendorIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.List;
import java.util.Map;

/**
 * After delivery: the customer's rating (1–5 + review, once; the review and the star histogram in the same
 * transaction, see {@link Reviews}) rolled into the vendor's and the rider's running
 * average ({@code ratingSum / ratingCount → rating}); delivery counters and the daily rider leaderboard by earnings
 * (durable, see {@link RiderDays}).
 */
final class Ratings {

  private final Dynamo dynamo;
  private final RiderDays days;
  private final OrderStore store;
  private final VendorIndex index;
  private final Cache cache;
  private final Reviews reviews;

  Ratings(Dynamo dynamo, OrderStore store, Cache cache, VendorIndex index, Reviews reviews) {
    this.index = index;
    this.reviews = reviews;
    this.dynamo = dynamo;
    this.days = new RiderDays(dynamo);
    this.store = store;
    this.cache = cache;
  }

  Future<JsonObject> rate(Principal p, JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    Object r = body.getValue("rating");
    if (!(r instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > 5) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("rating must be a whole number from 1 to 5"));
    }
    long rating = ((Number) r).longValue();
    String review = body.getString("review", "");
    return store.get(orderId).compose(order -> {
      if (p.role() != Role.USER || !p.id().equals(order.getString("userId"))) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order"));
      }
      if (!Lifecycle.DELIVERED.equals(order.getString("status"))) {
        return Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("Only delivered orders can be rated"));
      }
      String ratedAt = Timestamps.now();
      return store.update(orderId, new JsonObject().put("rating", rating).put("review", review).put("ratedAt", ratedAt),
          "#status = :d AND attribute_not_exists(rating)", Map.of(":d", Lifecycle.DELIVERED), ErrorCode.CONFLICT,
          reviews.writes(order, rating, review, ratedAt))
        .compose(rated -> roll(CoreTables.VENDORS, "vendorId", rated.getString("vendorId"), rating)
          .compose(v -> cache.invalidate(RedisKeys.vendor(rated.getString("vendorId"))))
          .compose(v -> index.refresh(rated.getString("vendorId")))
          .compose(v -> rated.getString("riderId") == null ? Future.succeededFuture()
            : roll(CoreTables.RIDERS, "riderId", rated.getString("riderId"), rating))
          .map(v -> Events.view(rated, Role.USER)));
    });
  }

  private Future<Void> roll(String table, String idField, String id, long rating) {
    String name = dynamo.table(table);
    return dynamo.call(c -> c.updateItem(b -> b.tableName(name).key(Items.key(idField, id))
        .updateExpression("ADD ratingSum :r, ratingCount :one").conditionExpression("attribute_exists(" + idField + ")")
        .expressionAttributeValues(Map.of(":r", Items.n(rating), ":one", Items.n(1))).returnValues(ReturnValue.ALL_NEW)))
      .compose(r -> {
        long sum = Long.parseLong(r.attributes().get("ratingSum").n());
        long count = Long.parseLong(r.attributes().get("ratingCount").n());
        double avg = Math.round(sum * 10.0 / count) / 10.0;
        return dynamo.call(c -> c.updateItem(b -> b.tableName(name).key(Items.key(idField, id))
          .updateExpression("SET rating = :avg").conditionExpression("ratingCount = :count")
          .expressionAttributeValues(Map.of(":avg", Items.value(avg), ":count", Items.n(count)))));
      })
      .<Void>mapEmpty().otherwiseEmpty();
  }

  /** What a delivery adds to the running figures, as actions of the delivering transaction. */
  List<TransactWriteItem> deliveryWrites(JsonObject order) {
    return days.delivered(order);
  }

  /** After delivery: the vendor's cached card and its geo-index card show the new order count. */
  Future<Void> delivered(JsonObject order) {
    return cache.invalidate(RedisKeys.vendor(order.getString("vendorId")))
      .compose(v -> index.refresh(order.getString("vendorId")))
      .<Void>mapEmpty().otherwiseEmpty();
  }

  /** {@code {limit}} → today's top riders by earnings. */
  Future<JsonObject> leaderboard(JsonObject body) {
    return days.leaderboard(Requests.limit(body));
  }
}
