package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A promo code applied to an order. {@link #quote} checks the code against the order (active, within its window, the
 * right vendor, the minimum subtotal, uses left) and prices the discount on the subtotal (PERCENT: rounded down, capped
 * by {@code maxDiscount}; FIXED: at most the subtotal; the delivery fee and the tip are never discounted). The use is
 * taken by {@link #take} in the order's hold transaction ({@link Holds}): {@code used < totalLimit} and the customer's
 * {@code uses < perCustomerLimit}, both conditional, so the last allowed use cannot be taken twice.
 */
final class PromoRedemption {

  private final Dynamo dynamo;
  private final Promos promos;

  PromoRedemption(Dynamo dynamo, Promos promos) {
    this.dynamo = dynamo;
    this.promos = promos;
  }

  /**
   * {@code {code, kind, fundedBy, discount, perCustomerLimit}} for the code on this order, null without a code;
   * PROMO_NOT_APPLICABLE saying why not.
   */
  Future<JsonObject> quote(String userId, String vendorId, long subtotal, String rawCode) {
    if (rawCode == null) {
      return Future.succeededFuture();
    }
    String code = Promos.normalise(rawCode);
    return promos.find(code).compose(promo -> {
      String now = Timestamps.now();
      if (promo == null || !promo.getBoolean("active", false)) {
        return refused("Unknown or inactive promo code");
      }
      if ((promo.getString("startsAt") != null && now.compareTo(promo.getString("startsAt")) < 0)
        || (promo.getString("endsAt") != null && now.compareTo(promo.getString("endsAt")) > 0)) {
        return refused("This promo code is not valid now");
      }
      if (promo.getString("vendorId") != null && !promo.getString("vendorId").equals(vendorId)) {
        return refused("This promo code is not valid at this vendor");
      }
      if (subtotal < promo.getLong("minSubtotal", 0L)) {
        return refused("This promo code needs an order of at least " + promo.getLong("minSubtotal") + " XAF");
      }
      if (promo.getLong("used", 0L) >= promo.getLong("totalLimit")) {
        return refused("This promo code has been fully used");
      }
      return usesOf(code, userId).compose(uses -> uses >= promo.getLong("perCustomerLimit", 1L)
        ? refused("You have already used this promo code")
        : Future.succeededFuture(new JsonObject().put("code", code).put("kind", promo.getString("kind"))
          .put("fundedBy", promo.getString("fundedBy")).put("discount", discount(promo, subtotal))
          .put("perCustomerLimit", promo.getLong("perCustomerLimit", 1L))));
    });
  }

  static long discount(JsonObject promo, long subtotal) {
    long value = promo.getLong("value");
    long d = "PERCENT".equals(promo.getString("kind")) ? subtotal * value / 100 : value;
    if (promo.getLong("maxDiscount") != null) {
      d = Math.min(d, promo.getLong("maxDiscount"));
    }
    return Math.max(0, Math.min(d, subtotal));
  }

  /** The customer's preview: {@code {promoCode, vendorId, items}} priced as placement would, without taking a use. */
  Future<JsonObject> preview(Principal p, JsonObject body, Catalog catalog) {
    if (p.role() != Role.USER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only customers preview promo codes"));
    }
    String vendorId = Requests.requiredString(body, "vendorId");
    JsonArray lines = body.getJsonArray("items");
    if (lines == null || lines.isEmpty()) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("items are required"));
    }
    return catalog.vendor(vendorId).compose(v -> catalog.items(vendorId)).compose(menu -> {
      JsonArray items = OptionPricing.priceItems(lines, menu, Stock.today(Instant.now()));
      long subtotal = items.stream().mapToLong(i -> ((JsonObject) i).getLong("lineTotal")).sum();
      return quote(p.id(), vendorId, subtotal, Requests.requiredString(body, "promoCode")).map(q -> new JsonObject()
        .put("promoCode", q.getString("code")).put("vendorId", vendorId).put("items", items).put("subtotal", subtotal)
        .put("discount", q.getLong("discount")).put("fundedBy", q.getString("fundedBy"))
        .put("subtotalAfterDiscount", subtotal - q.getLong("discount")));
    });
  }

  /** The promo's and the customer's counters, each +1 under its limit (ConditionalCheckFailed: the limit was reached). */
  List<TransactWriteItem> take(String code, String userId, long perCustomerLimit) {
    return List.of(
      update(OrderTables.PROMOS, Map.of("code", Items.s(code)), "SET used = used + :one",
        "active = :yes AND used < totalLimit", Map.of(":one", Items.n(1), ":yes", AttributeValue.fromBool(true))),
      update(OrderTables.PROMO_USES, Map.of("code", Items.s(code), "userId", Items.s(userId)),
        "SET uses = if_not_exists(uses, :zero) + :one", "attribute_not_exists(uses) OR uses < :limit",
        Map.of(":one", Items.n(1), ":zero", Items.n(0), ":limit", Items.n(perCustomerLimit))));
  }

  /** Both counters −1 (a use given back). */
  List<TransactWriteItem> giveBack(String code, String userId) {
    return List.of(
      update(OrderTables.PROMOS, Map.of("code", Items.s(code)), "SET used = used - :one", "used > :zero",
        Map.of(":one", Items.n(1), ":zero", Items.n(0))),
      update(OrderTables.PROMO_USES, Map.of("code", Items.s(code), "userId", Items.s(userId)), "SET uses = uses - :one",
        "uses > :zero", Map.of(":one", Items.n(1), ":zero", Items.n(0))));
  }

  private Future<Long> usesOf(String code, String userId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(OrderTables.PROMO_USES)).consistentRead(true)
        .key(Map.of("code", Items.s(code), "userId", Items.s(userId)))))
      .map(r -> r.hasItem() && r.item().containsKey("uses") ? Long.parseLong(r.item().get("uses").n()) : 0L);
  }

  private TransactWriteItem update(String table, Map<String, AttributeValue> key, String expr, String condition,
                                   Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(table)).key(key)
      .updateExpression(expr).conditionExpression(condition).expressionAttributeValues(values).build()).build();
  }

  private static <T> Future<T> refused(String why) {
    return Future.failedFuture(ErrorCode.PROMO_NOT_APPLICABLE.exception(why));
  }
}
