package cm.reeyo.storage.search;

import cm.reeyo.storage.geo.NearbyQuery;
import cm.reeyo.storage.geo.VendorsNear;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Text search near a point: {@code {vendors, items, nextCursor}}. The walk is the nearby walk ({@link VendorsNear}:
 * open and online first, then nearest; exact paging by the signed-by-scope cursor) over the vendors every search term
 * finds (the term sets, checked inside the walk's script); {@code items} are the matching available dishes of this
 * page's vendors (at most {@value #ITEMS_PER_VENDOR} each, in the vendors' order), read with one MGET.
 */
public final class VendorSearch {

  public static final int ITEMS_PER_VENDOR = 5;

  private final RedisAPI redis;
  private final VendorsNear near;
  private final SearchKeys keys;

  public VendorSearch(RedisAPI redis, VendorsNear near, SearchKeys keys) {
    this.redis = redis;
    this.near = near;
    this.keys = keys;
  }

  /** One page of {@code query} (which has terms). */
  public Future<JsonObject> page(NearbyQuery query) {
    return near.page(query).compose(page -> {
      JsonArray vendors = page.items();
      if (vendors.isEmpty()) {
        return Future.succeededFuture(result(vendors, new JsonArray(), page.nextCursor()));
      }
      List<String> menuKeys = new ArrayList<>(vendors.size());
      vendors.forEach(v -> menuKeys.add(keys.menu(((JsonObject) v).getString("vendorId"))));
      return redis.mget(menuKeys).map(menus -> result(vendors, items(query.terms(), vendors, menus), page.nextCursor()));
    });
  }

  private static JsonArray items(List<String> terms, JsonArray vendors, Response menus) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < vendors.size(); i++) {
      JsonObject vendor = vendors.getJsonObject(i);
      Response menu = menus.get(i);
      if (menu == null) {
        continue;
      }
      int taken = 0;
      for (Object o : new JsonArray(menu.toBuffer())) {
        JsonObject item = (JsonObject) o;
        String text = String.join(" ", item.getString("name", ""), text(item, "category"), text(item, "description"));
        if (taken < ITEMS_PER_VENDOR && SearchText.matches(terms, text)) {
          taken++;
          out.add(item.copy().put("vendorName", vendor.getString("businessName"))
            .put("isOpen", vendor.getBoolean("isOpen")).put("distance", vendor.getValue("distance")));
        }
      }
    }
    return out;
  }

  private static String text(JsonObject item, String field) {
    return item.getValue(field) instanceof String s ? s : "";
  }

  private static JsonObject result(JsonArray vendors, JsonArray items, String next) {
    return new JsonObject().put("vendors", vendors).put("items", items).put("nextCursor", next);
  }
}
