package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Vendors as customers see them, and menus. Vendor views are cached 5 min, menus 10 min; every change through
 * {@link VendorDesk} invalidates them. "Open" is computed at read time, never cached.
 */
final class Catalog {

  static final List<String> PUBLIC_VENDOR_FIELDS = List.of("vendorId", "businessName", "description", "cuisine",
    "address", "location", "businessHours", "isOnline", "rating", "ratingCount", "totalOrders", "imageUrl",
    "thumbnailUrl", "coverImageUrl");
  private static final int NEARBY_SCAN_CAP = 2000;

  private final Dynamo dynamo;
  private final Cache cache;
  private final AccountReader accounts;

  Catalog(Dynamo dynamo, Cache cache, AccountReader accounts) {
    this.dynamo = dynamo;
    this.cache = cache;
    this.accounts = accounts;
  }

  /** An approved vendor's public view with {@code isOpen}; NOT_FOUND for anyone else. */
  Future<JsonObject> vendor(String vendorId) {
    return cache.get(RedisKeys.vendor(vendorId), Cache.VENDOR_TTL_SECONDS, JsonObject.class,
        () -> accounts.vendor(vendorId).map(v -> AccountReader.approved(v) ? publicView(v) : null))
      .compose(v -> v == null ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such vendor"))
        : Future.succeededFuture(withOpen(v, Instant.now())));
  }

  /** An approved vendor's menu: {@code {vendorId, items:[...]}}. */
  Future<JsonObject> menu(String vendorId) {
    return vendor(vendorId).compose(v -> cache.get(RedisKeys.menu(vendorId), Cache.MENU_TTL_SECONDS, JsonArray.class,
        () -> items(vendorId)))
      .map(items -> new JsonObject().put("vendorId", vendorId).put("items", items));
  }

  /** Every menu item of a vendor, straight from the table (what placement prices from). */
  Future<JsonArray> items(String vendorId) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS)).consistentRead(true)
        .keyConditionExpression("vendorId = :v").expressionAttributeValues(Map.of(":v", Items.s(vendorId)))))
      .map(r -> {
        JsonArray items = new JsonArray();
        r.items().stream().map(Items::toJson)
          .sorted(Comparator.comparing((JsonObject i) -> i.getString("category", "")).thenComparing(i -> i.getString("name", "")))
          .forEach(items::add);
        return items;
      });
  }

  /** Approved vendors within {@code radiusKm} of a point, open and online ones first, then nearest first. */
  Future<JsonArray> nearby(double lat, double lng, double radiusKm, int limit) {
    return approvedVendors(null, new ArrayList<>()).map(all -> {
      Instant now = Instant.now();
      List<JsonObject> hits = new ArrayList<>();
      for (JsonObject v : all) {
        JsonObject loc = v.getJsonObject("location");
        if (loc == null || loc.getDouble("lat") == null || loc.getDouble("lng") == null) {
          continue;
        }
        double km = Pricing.distanceKm(lat, lng, loc.getDouble("lat"), loc.getDouble("lng"));
        if (km <= radiusKm) {
          hits.add(withOpen(publicView(v), now).put("distance", Pricing.rounded(km)));
        }
      }
      hits.sort(Comparator.comparing((JsonObject v) -> !(v.getBoolean("isOpen") && v.getBoolean("isOnline", false)))
        .thenComparing(v -> v.getDouble("distance")));
      JsonArray out = new JsonArray();
      hits.stream().limit(limit).forEach(out::add);
      return out;
    });
  }

  private Future<List<JsonObject>> approvedVendors(Map<String, AttributeValue> start, List<JsonObject> acc) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(CoreTables.VENDORS)).indexName("approval-status-index")
        .keyConditionExpression("approvalStatus = :a").expressionAttributeValues(Map.of(":a", Items.s("APPROVED")))
        .exclusiveStartKey(start)))
      .compose((QueryResponse r) -> {
        r.items().forEach(i -> acc.add(Items.toJson(i)));
        boolean more = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() && acc.size() < NEARBY_SCAN_CAP;
        return more ? approvedVendors(r.lastEvaluatedKey(), acc) : Future.succeededFuture(acc);
      });
  }

  static JsonObject publicView(JsonObject vendor) {
    JsonObject v = new JsonObject();
    PUBLIC_VENDOR_FIELDS.forEach(f -> {
      if (vendor.containsKey(f)) {
        v.put(f, vendor.getValue(f));
      }
    });
    return v;
  }

  static JsonObject withOpen(JsonObject vendor, Instant at) {
    return vendor.copy().put("isOpen", BusinessHours.isOpen(vendor.getJsonObject("businessHours"), at));
  }
}
