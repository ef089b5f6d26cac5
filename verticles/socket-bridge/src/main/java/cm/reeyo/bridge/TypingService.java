package cm.reeyo.bridge;

import io.vertx.core.Future;
import cm.reeyo.contracts.bus.BusRequest;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEnvelope;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RealtimeAddresses#TYPING}: {@code {orderId, isTyping}} from a party of the order (principal from the headers)
 * is sent live as {@code typing} {@code {orderId, from: role, isTyping}} to the own address of every other party of the
 * order (customer, vendor, assigned rider). Replies {@code {delivered: n}}; FORBIDDEN for non-parties.
 */
final class TypingService {

  private final OrderParties parties;
  private final ClientOutbox outbox;

  TypingService(OrderParties parties, ClientOutbox outbox) {
    this.parties = parties;
    this.outbox = outbox;
  }

  /** The request is already checked against its contract (a USER, VENDOR or RIDER principal; the body's shape). */
  Future<JsonObject> handle(BusRequest request) {
    Principal from = request.caller();
    String orderId = request.body().getString("orderId");
    boolean isTyping = request.body().getBoolean("isTyping");
    return parties.of(orderId, from).compose(order -> {
      if (!order.party()) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.exception("not a party of this order"));
      }
      JsonObject envelope = ClientEnvelope.of(ClientEvent.TYPING,
        new JsonObject().put("orderId", orderId).put("from", from.role().name()).put("isTyping", isTyping)).toJson();
      List<String> targets = otherParties(order, from);
      targets.forEach(address -> outbox.publishLive(address, envelope));
      return Future.succeededFuture(new JsonObject().put("delivered", targets.size()));
    });
  }

  private static List<String> otherParties(OrderParties.Parties order, Principal from) {
    List<String> targets = new ArrayList<>();
    if (order.userId() != null && from.role() != Role.USER) {
      targets.add(ClientAddresses.user(order.userId()));
    }
    if (order.vendorId() != null && from.role() != Role.VENDOR) {
      targets.add(ClientAddresses.vendor(order.vendorId()));
    }
    if (order.riderId() != null && from.role() != Role.RIDER) {
      targets.add(ClientAddresses.rider(order.riderId()));
    }
    return targets;
  }
}
