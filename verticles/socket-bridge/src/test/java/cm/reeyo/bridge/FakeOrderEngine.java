package cm.reeyo.bridge;

import cm.reeyo.contracts.OrderAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the order engine's two queries the bridge uses, exactly as contracted:
 * {@code orders.v1.party-check} {@code {orderId, principalId, role}} → {@code {party, userId, vendorId, riderId}} and
 * {@code orders.v1.active-for-rider} {@code {riderId}} → {@code {orderIds}}.
 */
final class FakeOrderEngine {

  private final Map<String, JsonObject> orders = new ConcurrentHashMap<>();

  /** An active order with its parties (riderId may be null). */
  FakeOrderEngine order(String orderId, String userId, String vendorId, String riderId) {
    orders.put(orderId, new JsonObject().put("userId", userId).put("vendorId", vendorId).put("riderId", riderId));
    return this;
  }

  Future<Void> deploy(Vertx vertx) {
    return Future.all(
        vertx.eventBus().consumer(OrderAddresses.PARTY_CHECK, this::partyCheck).completion(),
        vertx.eventBus().consumer(OrderAddresses.ACTIVE_FOR_RIDER, this::activeForRider).completion())
      .mapEmpty();
  }

  private void partyCheck(Message<JsonObject> msg) {
    JsonObject order = orders.get(msg.body().getString("orderId"));
    if (order == null) {
      msg.reply(new JsonObject().put("party", false).putNull("userId").putNull("vendorId").putNull("riderId"));
      return;
    }
    String field = switch (msg.body().getString("role")) {
      case "USER" -> "userId";
      case "VENDOR" -> "vendorId";
      case "RIDER" -> "riderId";
      default -> "none";
    };
    boolean party = msg.body().getString("principalId").equals(order.getString(field));
    msg.reply(order.copy().put("party", party));
  }

  private void activeForRider(Message<JsonObject> msg) {
    String riderId = msg.body().getString("riderId");
    JsonArray ids = new JsonArray();
    orders.forEach((id, order) -> {
      if (riderId.equals(order.getString("riderId"))) {
        ids.add(id);
      }
    });
    msg.reply(new JsonObject().put("orderIds", ids));
  }
}
