package cm.reeyo.orders;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.geo.VendorIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demo data, safe to run again and again: vendor {@code vendor_demo_great} near Douala centre (4.0511, 9.7679),
 * approved, online, always open, with a menu; rider {@code rider_demo_mike} approved and online about 1 km away.
 * Existing account fields (passwords, phones set by identity's seeding) are kept: only catalog fields are set.
 * A delivery to {@link #DEMO_CUSTOMER_LAT}/{@link #DEMO_CUSTOMER_LNG} is ≈ 7.5 km away: a 2,000 XAF fee.
 */
public final class DemoCatalog {

  public static final String VENDOR_ID = "vendor_demo_great";
  public static final String RIDER_ID = "rider_demo_mike";
  public static final double VENDOR_LAT = 4.0511;
  public static final double VENDOR_LNG = 9.7679;
  public static final double RIDER_LAT = 4.0601;
  public static final double RIDER_LNG = 9.7679;
  public static final double DEMO_CUSTOMER_LAT = 4.1186;
  public static final double DEMO_CUSTOMER_LNG = 9.7679;

  /** itemId, name, price (XAF), category. */
  static final List<Object[]> MENU = List.of(
    new Object[]{"item_demo_ndole", "Ndolé", 5000L, "Plats"},
    new Object[]{"item_demo_poulet_dg", "Poulet DG", 7500L, "Plats"},
    new Object[]{"item_demo_eru", "Eru", 4000L, "Plats"},
    new Object[]{"item_demo_poisson_braise", "Poisson braisé", 6000L, "Grillades"},
    new Object[]{"item_demo_plantain", "Plantains frits", 1500L, "Accompagnements"},
    new Object[]{"item_demo_folere", "Jus de foléré", 1000L, "Boissons"});

  private final Dynamo dynamo;
  private final RedisAPI redis;

  public DemoCatalog(Dynamo dynamo, RedisAPI redis) {
    this.dynamo = dynamo;
    this.redis = redis;
  }

  public Future<Void> seed() {
    String now = Timestamps.now();
    JsonObject vendor = new JsonObject().put("businessName", "Great Restaurant").put("ownerName", "Jane Smith")
      .put("description", "Cameroonian classics").put("cuisine", "Cameroonian")
      .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala").put("country", "CM"))
      .put("location", new JsonObject().put("lat", VENDOR_LAT).put("lng", VENDOR_LNG))
      .put("approvalStatus", "APPROVED").put("status", "ACTIVE").put("isOnline", true).put("updatedAt", now);
    JsonObject rider = new JsonObject().put("firstName", "Mike").put("lastName", "Wilson").put("vehicleType", "MOTORCYCLE")
      .put("approvalStatus", "APPROVED").put("status", "ACTIVE").put("isOnline", true).put("onlineStatus", "ONLINE")
      .put("currentLocation", new JsonObject().put("lat", RIDER_LAT).put("lng", RIDER_LNG)).put("updatedAt", now);
    List<Future<?>> writes = new ArrayList<>();
    writes.add(upsert(CoreTables.VENDORS, "vendorId", VENDOR_ID, vendor, now));
    writes.add(upsert(CoreTables.RIDERS, "riderId", RIDER_ID, rider, now));
    for (Object[] m : MENU) {
      JsonObject item = new JsonObject().put("vendorId", VENDOR_ID).put("itemId", m[0]).put("name", m[1]).put("price", m[2])
        .put("category", m[3]).put("available", true).put("createdAt", now).put("updatedAt", now);
      writes.add(dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(OrderTables.MENU_ITEMS)).item(Items.toItem(item)))));
    }
    return Future.all(writes)
      .compose(v -> redis.geoadd(List.of(RedisKeys.RIDERS_ONLINE, String.valueOf(RIDER_LNG), String.valueOf(RIDER_LAT), RIDER_ID)))
      .compose(v -> redis.zadd(List.of(RedisKeys.RIDERS_LAST_SEEN, String.valueOf(System.currentTimeMillis()), RIDER_ID)))
      .compose(v -> redis.del(List.of(RedisKeys.vendor(VENDOR_ID), RedisKeys.menu(VENDOR_ID))))
      .compose(v -> new VendorIndex(redis, dynamo).refresh(VENDOR_ID))
      .mapEmpty();
  }

  /** SETs the fields (and createdAt if missing) without touching the others. */
  private Future<?> upsert(String table, String idField, String id, JsonObject fields, String now) {
    StringBuilder expr = new StringBuilder("SET createdAt = if_not_exists(createdAt, :now)");
    Map<String, String> names = new java.util.HashMap<>();
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new java.util.HashMap<>();
    values.put(":now", Items.s(now));
    int i = 0;
    for (String f : fields.fieldNames()) {
      names.put("#f" + i, f);
      values.put(":v" + i, Items.value(fields.getValue(f)));
      expr.append(", #f").append(i).append(" = :v").append(i++);
    }
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(table)).key(Items.key(idField, id))
      .updateExpression(expr.toString()).expressionAttributeNames(names).expressionAttributeValues(values)));
  }

  static JsonArray menuIds() {
    JsonArray ids = new JsonArray();
    MENU.forEach(m -> ids.add(m[0]));
    return ids;
  }
}
