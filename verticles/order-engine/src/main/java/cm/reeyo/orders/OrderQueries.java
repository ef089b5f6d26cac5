package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Reading orders: one order for its parties (404 for anyone else), and cursor-paged lists through the spec's
 * GSIs: a customer's (userId-index), a vendor's (vendorId-index), a rider's (riderId-index); admins by status
 * (status-index) or the recent orders of a day (createdAt-index, {@code day} defaults to today, UTC).
 */
final class OrderQueries {

  private final OrderStore store;

  OrderQueries(OrderStore store) {
    this.store = store;
  }

  Future<JsonObject> get(Principal p, JsonObject body) {
    return store.get(Requests.requiredString(body, "orderId")).compose(order -> Lifecycle.isParty(order, p)
      ? Future.succeededFuture(Events.view(order, p.role()))
      : Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order")));
  }

  Future<JsonObject> list(Principal p, JsonObject body) {
    String status = body.getString("status");
    int limit = Requests.limit(body);
    String cursor = body.getString("cursor");
    Future<JsonObject> page = switch (p.role()) {
      case USER -> store.page("userId-index", "userId", p.id(), status, limit, cursor);
      case VENDOR -> store.page("vendorId-index", "vendorId", p.id(), status, limit, cursor);
      case RIDER -> store.page("riderId-index", "riderId", p.id(), status, limit, cursor);
      case ADMIN -> status != null
        ? store.page("status-index", "status", status, null, limit, cursor)
        : store.page("createdAt-index", "createdDay", body.getString("day", Ids.day(Instant.now())), null, limit, cursor);
    };
    return page.map(result -> {
      JsonArray views = new JsonArray();
      result.getJsonArray("items").forEach(o -> views.add(Events.view((JsonObject) o, p.role())));
      return result.put("items", views);
    });
  }

  /**
   * {@code {orderId, principalId, role}} → {@code {party, userId, vendorId, riderId}}: may this identity follow
   * {@code client.order.<orderId>}, and who are the order's parties (riderId null until assigned). The ids are given
   * to parties only; anyone else reads nulls.
   */
  Future<JsonObject> partyCheck(JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    Principal p;
    try {
      p = new Principal(Requests.requiredString(body, "principalId"), Role.valueOf(Requests.requiredString(body, "role")));
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(parties(null));
    }
    return store.find(orderId).map(order -> parties(order != null && Lifecycle.isParty(order, p) ? order : null));
  }

  private static JsonObject parties(JsonObject order) {
    JsonObject none = new JsonObject().put("party", false).putNull("userId").putNull("vendorId").putNull("riderId");
    return order == null ? none : new JsonObject().put("party", true).put("userId", order.getString("userId"))
      .put("vendorId", order.getString("vendorId")).put("riderId", order.getString("riderId"));
  }
}
