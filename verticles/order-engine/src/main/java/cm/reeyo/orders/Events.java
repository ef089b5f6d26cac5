package cm.reeyo.orders;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * What the engine tells the world: a domain event on {@link OrderAddresses#EVENTS} for every change
 * ({@code {"type": "order.accepted", "orderId", "status", "order", "at"}}) and the spec's client events to the
 * parties' client addresses through {@link ClientPublisher} (fire and forget: a slow bridge never delays a reply).
 */
final class Events {

  static final Set<String> HIDDEN_FROM_ALL = Set.of("placementHash", "createdDay");

  private final Vertx vertx;
  private final ClientPublisher publisher;

  Events(Vertx vertx) {
    this.vertx = vertx;
    this.publisher = new ClientPublisher(vertx);
  }

  void domain(String type, JsonObject order) {
    vertx.eventBus().publish(OrderAddresses.EVENTS, event(type, order));
    if (!"order.rider-assigned".equals(type)) {
      BusinessMetrics.orderTransition(order.getString("status"));
    }
  }

  /** {@code order.rider-offered}: the riders just offered the order (the notifier pushes the offer to them). */
  void offered(JsonObject order, List<String> riderIds) {
    vertx.eventBus().publish(OrderAddresses.EVENTS, event("order.rider-offered", order).put("riderIds", new JsonArray(riderIds)));
  }

  private static JsonObject event(String type, JsonObject order) {
    return new JsonObject().put("type", type)
      .put("orderId", order.getString("orderId")).put("status", order.getString("status"))
      .put("order", view(order, Role.VENDOR))
      .put("at", Timestamps.now());
  }

  /** Sends a client event to the listed parties of the order (those it has) and to {@code client.order.<id>}. */
  void toParties(JsonObject order, ClientEvent event, JsonObject data, Role... parties) {
    for (Role role : parties) {
      String id = switch (role) {
        case USER -> order.getString("userId");
        case VENDOR -> order.getString("vendorId");
        case RIDER -> order.getString("riderId");
        case ADMIN -> null;
      };
      if (id != null) {
        publisher.publish(ClientAddresses.of(role, id), event, data);
      }
    }
    publisher.publish(ClientAddresses.order(order.getString("orderId")), event, data);
  }

  void toRider(String riderId, ClientEvent event, JsonObject data) {
    publisher.publish(ClientAddresses.rider(riderId), event, data);
  }

  void toVendor(String vendorId, ClientEvent event, JsonObject data) {
    publisher.publish(ClientAddresses.vendor(vendorId), event, data);
  }

  /** The order as a party of {@code role} sees it: only the customer (and admins) see the delivery code. */
  static JsonObject view(JsonObject order, Role role) {
    JsonObject v = order.copy();
    HIDDEN_FROM_ALL.forEach(v::remove);
    if (role == Role.VENDOR || role == Role.RIDER) {
      v.remove("deliveryCode");
    }
    return v;
  }
}
