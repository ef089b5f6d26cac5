package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.geo.VendorIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vendor's own side of the catalog: profile, online status, menu items. Every write invalidates the caches; every
 * vendor record write is applied to the geo index ({@link VendorIndex}).
 */
final class VendorDesk {

  /** Profile fields a vendor may change (the API also refuses anything else). */
  static final Set<String> PROFILE_FIELDS = Set.of("businessName", "ownerName", "description", "cuisine", "address",
    "location", "businessHours", "imageUrl", "thumbnailUrl", "coverImageUrl");
  /** Image URLs are server-made by the vendor API from confirmed uploads, never typed by a client. */
  static final Set<String> ITEM_FIELDS = Set.of("name", "price", "available", "description", "category", "imageUrl",
    "thumbnailUrl", "optionGroups");
  private static final Set<String> PRIVATE = Set.of("passwordHash", "failedLogins", "lockedUntil", "tokensValidAfter");

  private final Dynamo dynamo;
  private final Cache cache;
  private final AccountReader accounts;
  private final VendorIndex index;

  VendorDesk(Dynamo dynamo, Cache cache, AccountReader accounts, VendorIndex index) {
    this.dynamo = dynamo;
    this.cache = cache;
    this.accounts = accounts;
    this.index = index;
  }

  Future<JsonObject> profile(String vendorId) {
    return accounts.vendor(vendorId).compose(v -> v == null
      ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such vendor"))
      : Future.succeededFuture(ownView(v)));
  }

  Future<JsonObject> updateProfile(String vendorId, JsonObject fields) {
    JsonObject set = new JsonObject();
    fields.forEach(e -> {
      if (!PROFILE_FIELDS.contains(e.getKey())) {
        throw ErrorCode.VALIDATION_FAILED.exception(e.getKey() + " may not be set");
      }
      set.put(e.getKey(), e.getValue());
    });
    JsonObject hours = fields.getValue("businessHours") instanceof JsonObject h ? h : null;
    if (fields.getValue("businessHours") != null && (hours == null || !BusinessHours.valid(hours))) {
      throw ErrorCode.VALIDATION_FAILED.exception("businessHours must look like {\"mon\":[{\"open\":\"08:00\",\"close\":\"22:00\"}]}");
    }
    return updateVendor(vendorId, set.put("updatedAt", Timestamps.now()), null).map(VendorDesk::ownView);
  }

  /** Online / offline; only an APPROVED vendor may go online. */
  Future<JsonObject> setOnline(String vendorId, boolean online) {
    return accounts.vendor(vendorId).compose(v -> {
      if (v == null) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such vendor"));
      }
      if (online && !AccountReader.approved(v)) {
        return Future.failedFuture(ErrorCode.NOT_APPROVED.exception("Your account is not approved yet"));
      }
      return updateVendor(vendorId, new JsonObject().put("isOnline", online).put("updatedAt", Timestamps.now()), null);
    }).map(v -> new JsonObject().put("vendorId", vendorId).put("isOnline", v.getBoolean("isOnline")));
  }

  Future<JsonObject> createItem(String vendorId, JsonObject fields) {
    JsonObject item = onlyItemFields(fields).put("vendorId", vendorId).put("itemId", Ids.next("item"))
      .put("available", fields.getBoolean("available", true))
      .put("createdAt", Timestamps.now()).put("updatedAt", Timestamps.now());
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS)).item(Items.toItem(item))))
      .compose(ok -> menuChanged(vendorId)).map(v -> Stock.view(item, Stock.today(java.time.Instant.now())));
  }

  Future<JsonObject> updateItem(String vendorId, String itemId, JsonObject fields) {
    JsonObject set = onlyItemFields(fields).put("updatedAt", Timestamps.now());
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder expr = new StringBuilder();
    int i = 0;
    for (String f : set.fieldNames()) {
      names.put("#f" + i, f);
      values.put(":v" + i, Items.value(set.getValue(f)));
      expr.append(i == 0 ? "SET " : ", ").append("#f").append(i).append(" = :v").append(i++);
    }
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS))
        .key(Map.of("vendorId", Items.s(vendorId), "itemId", Items.s(itemId)))
        .updateExpression(expr.toString()).conditionExpression("attribute_exists(itemId)")
        .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)))
      .map(r -> Stock.view(Items.toJson(r.attributes()), Stock.today(java.time.Instant.now())))
      .recover(VendorDesk::missingItem)
      .compose(item -> menuChanged(vendorId).map(v -> item));
  }

  Future<JsonObject> deleteItem(String vendorId, String itemId) {
    return dynamo.call(c -> c.deleteItem(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS))
        .key(Map.of("vendorId", Items.s(vendorId), "itemId", Items.s(itemId))).conditionExpression("attribute_exists(itemId)")))
      .map(r -> new JsonObject().put("itemId", itemId).put("deleted", true))
      .recover(VendorDesk::missingItem)
      .compose(item -> menuChanged(vendorId).map(v -> item));
  }

  /** SETs fields on the vendor record (which must exist); invalidates the vendor cache, updates the geo index. */
  Future<JsonObject> updateVendor(String vendorId, JsonObject set, String extraCondition) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder expr = new StringBuilder();
    int i = 0;
    for (String f : set.fieldNames()) {
      names.put("#f" + i, f);
      values.put(":v" + i, Items.value(set.getValue(f)));
      expr.append(i == 0 ? "SET " : ", ").append("#f").append(i).append(" = :v").append(i++);
    }
    String condition = "attribute_exists(vendorId)" + (extraCondition == null ? "" : " AND " + extraCondition);
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(CoreTables.VENDORS)).key(Items.key("vendorId", vendorId))
        .updateExpression(expr.toString()).conditionExpression(condition)
        .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)))
      .map(r -> Items.toJson(r.attributes()))
      .recover(f -> Future.failedFuture(TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? ErrorCode.NOT_FOUND.exception("No such vendor") : f))
      .compose(v -> cache.invalidate(RedisKeys.vendor(vendorId)).compose(x -> index.apply(v)).map(x -> v));
  }

  /** After a menu write: the cached menu goes, the vendor's search entry is re-read. */
  private Future<Void> menuChanged(String vendorId) {
    return cache.invalidate(RedisKeys.menu(vendorId)).compose(v -> index.search().refresh(vendorId));
  }

  private static JsonObject onlyItemFields(JsonObject fields) {
    JsonObject item = new JsonObject();
    fields.forEach(e -> {
      if (!ITEM_FIELDS.contains(e.getKey())) {
        throw ErrorCode.VALIDATION_FAILED.exception(e.getKey() + " may not be set");
      }
      item.put(e.getKey(), "optionGroups".equals(e.getKey()) ? OptionPricing.validGroups(e.getValue()) : e.getValue());
    });
    return item;
  }

  private static <T> Future<T> missingItem(Throwable f) {
    return Future.failedFuture(TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
      ? ErrorCode.NOT_FOUND.exception("No such menu item") : f);
  }

  static JsonObject ownView(JsonObject vendor) {
    JsonObject v = vendor.copy();
    PRIVATE.forEach(v::remove);
    return v;
  }

}
