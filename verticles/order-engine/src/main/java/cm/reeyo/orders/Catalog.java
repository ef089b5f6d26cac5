package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.geo.NearbyQuery;
import cm.reeyo.storage.geo.VendorIndexKeys;
import cm.reeyo.storage.geo.VendorsNear;
import cm.reeyo.storage.search.SearchText;
import cm.reeyo.storage.search.VendorSearch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Vendors as customers see them, and menus (each item with its {@code stock} view, see {@link Stock}). Vendor views
 * are cached 5 min, menus 10 min (never past midnight in Douala); every change through {@link VendorDesk} or
 * {@link Stock} invalidates them. "Open" is computed at read time, never cached. Nearby vendors come from the geo
 * index ({@link VendorsNear}), never from a read of the vendors table.
 */
final class Catalog {

  private final Dynamo dynamo;
  private final Cache cache;
  private final AccountReader accounts;
  private final VendorsNear near;
  private final VendorSearch search;

  Catalog(Dynamo dynamo, Cache cache, AccountReader accounts, VendorsNear near, VendorSearch search) {
    this.search = search;
    this.dynamo = dynamo;
    this.cache = cache;
    this.accounts = accounts;
    this.near = near;
  }

  /** An approved vendor's public view with {@code isOpen}; NOT_FOUND for anyone else. */
  Future<JsonObject> vendor(String vendorId) {
    return cache.get(RedisKeys.vendor(vendorId), Cache.VENDOR_TTL_SECONDS, JsonObject.class,
        () -> accounts.vendor(vendorId).map(v -> AccountReader.approved(v) ? publicView(v) : null))
      .compose(v -> v == null ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such vendor"))
        : Future.succeededFuture(withOpen(v, Instant.now())));
  }

  /**
   * An approved vendor's menu: {@code {vendorId, items:[...]}}, cached whole under {@link RedisKeys#menu} so the API can
   * serve the cached bytes as they are.
   */
  Future<JsonObject> menu(String vendorId) {
    Instant now = Instant.now();
    return cache.get(RedisKeys.menu(vendorId), menuTtl(now), JsonObject.class,
      () -> vendor(vendorId).compose(v -> items(vendorId)).map(items -> new JsonObject().put("vendorId", vendorId)
        .put("items", Stock.views(items, Stock.today(now)))));
  }

  /**
   * The menu's cache lifetime: {@link Cache#MENU_TTL_SECONDS}, cut at the next midnight in Africa/Douala so a "sold
   * out today" item is back on the first read of the new day (stock writes drop the cached menu themselves).
   */
  static int menuTtl(Instant now) {
    java.time.ZonedDateTime local = now.atZone(BusinessHours.ZONE);
    long toMidnight = java.time.Duration.between(local, local.toLocalDate().plusDays(1).atStartOfDay(BusinessHours.ZONE)).toSeconds();
    return (int) Math.max(1, Math.min(Cache.MENU_TTL_SECONDS, toMidnight));
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

  /**
   * A page of approved vendors near a point from the geo index ({@link VendorsNear}): body {@code lat, lng, radiusKm?,
   * cuisine?, openNow?, limit?, cursor?} → {@code {items, nextCursor}}.
   */
  Future<JsonObject> nearby(JsonObject body) {
    NearbyQuery query;
    try {
      query = new NearbyQuery(body.getDouble("lat"), body.getDouble("lng"),
        body.getDouble("radiusKm", NearbyQuery.DEFAULT_RADIUS_KM), body.getString("cuisine"),
        Boolean.TRUE.equals(body.getValue("openNow")), Requests.limit(body), body.getString("cursor"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("lat, lng or radiusKm out of range"));
    }
    return near.page(query).map(VendorsNear.Page::toJson);
  }

  /**
   * Vendors and dishes found by text near a point ({@link VendorSearch}): body {@code q, lat, lng, radiusKm?, limit?,
   * cursor?} → {@code {vendors, items, nextCursor}}. A question without a searchable word is VALIDATION_FAILED.
   */
  Future<JsonObject> search(JsonObject body) {
    List<String> terms = SearchText.query(body.getString("q", ""));
    if (terms.isEmpty()) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("q has no word to search for"));
    }
    NearbyQuery query;
    try {
      query = new NearbyQuery(body.getDouble("lat"), body.getDouble("lng"),
        body.getDouble("radiusKm", NearbyQuery.DEFAULT_RADIUS_KM), null, false, Requests.limit(body),
        body.getString("cursor"), terms);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("lat, lng or radiusKm out of range"));
    }
    return search.page(query);
  }

  static JsonObject publicView(JsonObject vendor) {
    return VendorIndexKeys.publicView(vendor);
  }

  static JsonObject withOpen(JsonObject vendor, Instant at) {
    return vendor.copy().put("isOpen", BusinessHours.isOpen(vendor.getJsonObject("businessHours"), at));
  }
}
