package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.List;
import java.util.Map;

/**
 * Vendor reviews: one item per rated order in the {@code reviews} table ({@code vendorId}, {@code reviewKey =
 * ratedAt#orderId}, so a page is one query, newest first), written in the rating's own transaction together with
 * the vendor's star counter ({@code ratingStars1..5}, the histogram). The vendor may reply to each review.
 */
final class Reviews {

  static final int MAX_REPLY = 1000;

  private final Dynamo dynamo;
  private final OrderStore store;
  private final AccountReader accounts;

  Reviews(Dynamo dynamo, OrderStore store, AccountReader accounts) {
    this.dynamo = dynamo;
    this.store = store;
    this.accounts = accounts;
  }

  /** The review item and the histogram count, for the transaction that records the rating on the order. */
  List<TransactWriteItem> writes(JsonObject order, long rating, String review, String ratedAt) {
    String vendorId = order.getString("vendorId");
    JsonObject item = new JsonObject().put("vendorId", vendorId).put("reviewKey", ratedAt + "#" + order.getString("orderId"))
      .put("orderId", order.getString("orderId")).put("rating", rating).put("review", review)
      .put("author", order.getString("customerName", "")).put("ratedAt", ratedAt);
    return List.of(
      TransactWriteItem.builder().put(p -> p.tableName(dynamo.table(OrderTables.REVIEWS)).item(Items.toItem(item))).build(),
      TransactWriteItem.builder().update(u -> u.tableName(dynamo.table(CoreTables.VENDORS)).key(Items.key("vendorId", vendorId))
        .updateExpression("ADD #s :one").conditionExpression("attribute_exists(vendorId)")
        .expressionAttributeNames(Map.of("#s", "ratingStars" + rating)).expressionAttributeValues(Map.of(":one", Items.n(1))))
        .build());
  }

  /** {@code {vendorId, limit, cursor}} → {@code {vendorId, rating, ratingCount, histogram, items, nextCursor}}. */
  Future<JsonObject> page(JsonObject body) {
    String vendorId = Requests.requiredString(body, "vendorId");
    int limit = Requests.limit(body);
    return Cursors.read(body.getString("cursor"), new CursorScope(OrderTables.REVIEWS_TABLE, null, null, null))
      .compose(start -> {
        if (start != null && !vendorId.equals(start.get("vendorId").s())) {
          return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("cursor is not a cursor of this list"));
        }
        return accounts.vendor(vendorId).compose(vendor -> {
          if (vendor == null || !AccountReader.approved(vendor)) {
            return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such vendor"));
          }
          return query(vendorId, limit, start).map(page -> page.put("vendorId", vendorId)
            .put("rating", vendor.getValue("rating")).put("ratingCount", vendor.getLong("ratingCount", 0L))
            .put("histogram", histogram(vendor)));
        });
      });
  }

  private Future<JsonObject> query(String vendorId, int limit, Map<String, AttributeValue> start) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(OrderTables.REVIEWS))
        .keyConditionExpression("vendorId = :v").expressionAttributeValues(Map.of(":v", Items.s(vendorId)))
        .scanIndexForward(false).limit(limit).exclusiveStartKey(start)))
      .map(r -> {
        JsonArray items = new JsonArray();
        r.items().stream().map(Items::toJson).map(Reviews::view).forEach(items::add);
        return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
      });
  }

  private static JsonObject view(JsonObject item) {
    JsonObject v = item.copy();
    v.remove("reviewKey");
    v.remove("vendorId");
    return v;
  }

  static JsonObject histogram(JsonObject vendor) {
    JsonObject h = new JsonObject();
    for (int stars = 1; stars <= 5; stars++) {
      h.put(String.valueOf(stars), vendor.getLong("ratingStars" + stars, 0L));
    }
    return h;
  }

  /** The vendor answers the review of one of its orders ({@code {orderId, reply}}); a new reply replaces the last. */
  Future<JsonObject> reply(Principal p, JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    String reply = body.getString("reply", "").strip();
    if (reply.isEmpty() || reply.length() > MAX_REPLY) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("reply must have 1 to " + MAX_REPLY + " characters"));
    }
    return store.get(orderId).compose(order -> {
      if (p.role() != Role.VENDOR || !p.id().equals(order.getString("vendorId"))) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order"));
      }
      if (order.getString("ratedAt") == null) {
        return Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("This order has no review to answer"));
      }
      String key = order.getString("ratedAt") + "#" + orderId;
      return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(OrderTables.REVIEWS))
          .key(Map.of("vendorId", Items.s(p.id()), "reviewKey", Items.s(key)))
          .updateExpression("SET reply = :r, repliedAt = :at").conditionExpression("attribute_exists(reviewKey)")
          .expressionAttributeValues(Map.of(":r", Items.s(reply), ":at", Items.s(Timestamps.now())))
          .returnValues(ReturnValue.ALL_NEW)))
        .map(r -> view(Items.toJson(r.attributes())))
        .recover(f -> Future.failedFuture(f instanceof ConditionalCheckFailedException
          || f.getCause() instanceof ConditionalCheckFailedException
          ? ErrorCode.NOT_FOUND.exception("No such review") : f));
    });
  }
}
