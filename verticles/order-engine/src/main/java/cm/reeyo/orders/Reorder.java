package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * "Order again": a preview of a new order from one of the customer's past orders, priced from the vendor's menu as
 * it is now. Nothing is stored; the app sends {@code placeBody} (after any change) to {@code POST /api/v1/orders},
 * where placement prices everything again.
 */
final class Reorder {

  private final OrderStore store;
  private final Catalog catalog;
  private final Pricing pricing;

  Reorder(OrderStore store, Catalog catalog, Pricing pricing) {
    this.store = store;
    this.catalog = catalog;
    this.pricing = pricing;
  }

  /**
   * {@code {orderId}} → {@code {vendorId, vendorName, isOpen, items, unavailable, subtotal, deliveryFee, total,
   * deliveryAddress, placeBody}}: lines still on the menu at today's price, the others listed as unavailable.
   */
  Future<JsonObject> preview(Principal p, JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    return store.get(orderId).compose(order -> {
      if (p.role() != Role.USER || !p.id().equals(order.getString("userId"))) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order"));
      }
      String vendorId = order.getString("vendorId");
      return catalog.vendor(vendorId).compose(vendor -> catalog.items(vendorId).map(menu -> priced(order, vendor, menu)));
    });
  }

  private JsonObject priced(JsonObject order, JsonObject vendor, JsonArray menu) {
    Map<String, JsonObject> byId = new HashMap<>();
    menu.forEach(o -> byId.put(((JsonObject) o).getString("itemId"), (JsonObject) o));
    JsonArray items = new JsonArray();
    JsonArray unavailable = new JsonArray();
    JsonArray lines = new JsonArray();
    long subtotal = 0;
    for (Object o : order.getJsonArray("items", new JsonArray())) {
      JsonObject past = (JsonObject) o;
      JsonObject now = byId.get(past.getString("itemId"));
      if (now == null || !now.getBoolean("available", false)) {
        unavailable.add(new JsonObject().put("itemId", past.getString("itemId")).put("name", past.getString("name")));
        continue;
      }
      long qty = past.getLong("quantity");
      long price = now.getLong("price");
      subtotal += price * qty;
      items.add(new JsonObject().put("itemId", now.getString("itemId")).put("name", now.getString("name"))
        .put("price", price).put("previousPrice", past.getLong("price")).put("quantity", qty).put("lineTotal", price * qty));
      lines.add(new JsonObject().put("itemId", now.getString("itemId")).put("quantity", qty));
    }
    JsonObject address = order.getJsonObject("deliveryAddress", new JsonObject());
    JsonObject loc = vendor.getJsonObject("location", new JsonObject());
    long fee = loc.getDouble("lat") == null || address.getDouble("lat") == null ? 0
      : pricing.deliveryFee(Pricing.distanceKm(loc.getDouble("lat"), loc.getDouble("lng"), address.getDouble("lat"), address.getDouble("lng")));
    return new JsonObject().put("fromOrderId", order.getString("orderId")).put("vendorId", vendor.getString("vendorId"))
      .put("vendorName", vendor.getString("businessName")).put("isOpen", vendor.getBoolean("isOpen", false))
      .put("items", items).put("unavailable", unavailable)
      .put("subtotal", subtotal).put("deliveryFee", fee).put("total", subtotal + fee).put("deliveryAddress", address)
      .put("placeBody", new JsonObject().put("vendorId", vendor.getString("vendorId")).put("items", lines)
        .put("deliveryAddress", address).put("paymentMethod", order.getString("paymentMethod")));
  }
}
