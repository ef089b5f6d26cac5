package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A menu item's stock, on the item itself: unlimited (neither attribute), {@code soldOutOn} (the Africa/Douala day the
 * vendor said "sold out today": the item is back the next day with no write) or {@code stockCount} (decremented by
 * placement in the order's hold transaction, conditional on enough being left, so the last one cannot be sold twice;
 * given back by a cancellation or rejection, once, through {@link Holds}).
 */
final class Stock {

  static final long MAX_COUNT = 100_000;

  private final Dynamo dynamo;
  private final Cache cache;
  private final Catalog catalog;

  Stock(Dynamo dynamo, Cache cache, Catalog catalog) {
    this.dynamo = dynamo;
    this.cache = cache;
    this.catalog = catalog;
  }

  /** Today in Africa/Douala, as stored in {@code soldOutOn}. */
  static String today(Instant at) {
    return LocalDate.ofInstant(at, BusinessHours.ZONE).toString();
  }

  static boolean soldOut(JsonObject item, String today) {
    Long count = item.getLong("stockCount");
    return today.equals(item.getString("soldOutOn")) || (count != null && count < 1);
  }

  /** The item with its public {@code stock: {state: AVAILABLE|SOLD_OUT_TODAY|COUNT, remaining?}} and {@code soldOut}. */
  static JsonObject view(JsonObject item, String today) {
    JsonObject v = item.copy();
    v.remove("soldOutOn");
    v.remove("stockCount");
    JsonObject stock = new JsonObject();
    if (today.equals(item.getString("soldOutOn"))) {
      stock.put("state", "SOLD_OUT_TODAY");
    } else if (item.getLong("stockCount") != null) {
      stock.put("state", "COUNT").put("remaining", Math.max(0, item.getLong("stockCount")));
    } else {
      stock.put("state", "AVAILABLE");
    }
    return v.put("stock", stock).put("soldOut", soldOut(item, today));
  }

  static JsonArray views(JsonArray items, String today) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(view((JsonObject) i, today)));
    return out;
  }

  /** The vendor sets an item's stock: {@code {mode: AVAILABLE|SOLD_OUT_TODAY|COUNT, count?}}; the menu cache is dropped. */
  Future<JsonObject> set(String vendorId, String itemId, JsonObject fields) {
    String mode = fields.getString("mode", "");
    Object count = fields.getValue("count");
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    values.put(":now", Items.s(Timestamps.now()));
    String update = switch (mode) {
      case "AVAILABLE" -> "SET updatedAt = :now REMOVE soldOutOn, stockCount";
      case "SOLD_OUT_TODAY" -> {
        values.put(":day", Items.s(today(Instant.now())));
        yield "SET soldOutOn = :day, updatedAt = :now REMOVE stockCount";
      }
      case "COUNT" -> {
        if (!(count instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0 || n.longValue() > MAX_COUNT) {
          throw ErrorCode.VALIDATION_FAILED.exception("count must be a whole number from 0 to " + MAX_COUNT);
        }
        values.put(":count", Items.n(n.longValue()));
        yield "SET stockCount = :count, updatedAt = :now REMOVE soldOutOn";
      }
      default -> throw ErrorCode.VALIDATION_FAILED.exception("mode must be AVAILABLE, SOLD_OUT_TODAY or COUNT");
    };
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS))
        .key(key(vendorId, itemId)).updateExpression(update).conditionExpression("attribute_exists(itemId)")
        .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)))
      .map(r -> view(Items.toJson(r.attributes()), today(Instant.now())))
      .recover(f -> Future.failedFuture(TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? ErrorCode.NOT_FOUND.exception("No such menu item") : f))
      .compose(item -> cache.invalidate(RedisKeys.menu(vendorId)).map(item));
  }

  /** Quantities per counted item of a priced order ({@code stockCount} present on the menu item read). */
  static Map<String, Long> counted(JsonArray priced, JsonArray menu) {
    Map<String, Long> byItem = new LinkedHashMap<>();
    for (Object o : priced) {
      JsonObject line = (JsonObject) o;
      String itemId = line.getString("itemId");
      boolean counted = menu.stream().map(JsonObject.class::cast)
        .anyMatch(m -> itemId.equals(m.getString("itemId")) && m.getLong("stockCount") != null);
      if (counted) {
        byItem.merge(itemId, line.getLong("quantity"), Long::sum);
      }
    }
    return byItem;
  }

  /** Takes {@code quantity} of an item: only while that many are left and it is not sold out today. */
  TransactWriteItem take(String vendorId, String itemId, long quantity, String today) {
    return TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(OrderTables.MENU_ITEMS))
      .key(key(vendorId, itemId)).updateExpression("SET stockCount = stockCount - :q")
      .conditionExpression("stockCount >= :q AND (attribute_not_exists(soldOutOn) OR soldOutOn <> :day)")
      .expressionAttributeValues(Map.of(":q", Items.n(quantity), ":day", Items.s(today))).build()).build();
  }

  /** Gives {@code quantity} back to an item still counted (an item since deleted or made unlimited is left alone). */
  Future<List<TransactWriteItem>> giveBack(String vendorId, Map<String, Long> quantities) {
    return catalog.items(vendorId).map(items -> quantities.entrySet().stream()
      .filter(e -> items.stream().map(JsonObject.class::cast)
        .anyMatch(i -> e.getKey().equals(i.getString("itemId")) && i.getLong("stockCount") != null))
      .map(e -> TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(OrderTables.MENU_ITEMS))
        .key(key(vendorId, e.getKey())).updateExpression("SET stockCount = stockCount + :q")
        .conditionExpression("attribute_exists(stockCount)")
        .expressionAttributeValues(Map.of(":q", Items.n(e.getValue()))).build()).build())
      .toList());
  }

  Future<Void> menuChanged(String vendorId) {
    return cache.invalidate(RedisKeys.menu(vendorId));
  }

  private static Map<String, AttributeValue> key(String vendorId, String itemId) {
    return Map.of("vendorId", Items.s(vendorId), "itemId", Items.s(itemId));
  }
}
