package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Vendor-only catalog requests: the vendor is always the caller, never an id from the body. */
final class VendorOnly {

  private VendorOnly() {
  }

  static String id(Principal p) {
    if (p.role() != Role.VENDOR) {
      throw ErrorCode.FORBIDDEN.exception("Only vendors manage a catalog");
    }
    return p.id();
  }

  /** {@code {op: list|create|update|delete|stock, itemId, fields}}; stock fields: {@code {mode, count?}} ({@link Stock}). */
  static Future<JsonObject> menuWrite(VendorDesk desk, Catalog catalog, Stock stock, Principal p, JsonObject body) {
    String vendorId = id(p);
    JsonObject fields = body.getJsonObject("fields", new JsonObject());
    return switch (body.getString("op", "")) {
      case "create" -> desk.createItem(vendorId, fields);
      case "update" -> desk.updateItem(vendorId, Requests.requiredString(body, "itemId"), fields);
      case "delete" -> desk.deleteItem(vendorId, Requests.requiredString(body, "itemId"));
      case "stock" -> stock.set(vendorId, Requests.requiredString(body, "itemId"), fields);
      case "list" -> catalog.items(vendorId).map(items -> new JsonObject().put("vendorId", vendorId)
        .put("items", Stock.views(items, Stock.today(java.time.Instant.now()))));
      default -> Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("op must be create, update, delete, stock or list"));
    };
  }
}
