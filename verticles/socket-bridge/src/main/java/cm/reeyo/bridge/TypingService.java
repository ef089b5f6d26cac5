package cm.reeyo.bridge;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEnvelope;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link RealtimeAddresses#TYPING}: {@code {orderId, isTyping}} from a party of the order (principal from the headers)
 * is sent live as {@code typing} {@code {orderId, from: role, isTyping}} to the own address of every other party of the
 * order (customer, vendor, assigned rider). Replies {@code {delivered: n}}; FORBIDDEN for non-parties.
 */
final class TypingService {

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final OrderParties parties;
  private final ClientOutbox outbox;

  TypingService(OrderParties parties, ClientOutbox outbox) {
    this.parties = parties;
    this.outbox = outbox;
  }

  void handle(Message<Object> message) {
    Optional<Principal> sender = BusPrincipal.of(message).filter(p -> !p.is(Role.ADMIN));
    if (sender.isEmpty()) {
      message.fail(ErrorCode.FORBIDDEN.busCode(), "only parties of an order type in its chat");
      return;
    }
    if (!(message.body() instanceof JsonObject body) || body.size() != 2
      || !(body.getValue("orderId") instanceof String orderId) || !ORDER_ID.matcher(orderId).matches()
      || !(body.getValue("isTyping") instanceof Boolean isTyping)) {
      message.fail(ErrorCode.VALIDATION_FAILED.busCode(), "expected {orderId, isTyping: boolean}");
      return;
    }
    Principal from = sender.get();
    parties.of(orderId, from).onSuccess(order -> {
      if (!order.party()) {
        message.fail(ErrorCode.FORBIDDEN.busCode(), "not a party of this order");
        return;
      }
      JsonObject envelope = ClientEnvelope.of(ClientEvent.TYPING,
        new JsonObject().put("orderId", orderId).put("from", from.role().name()).put("isTyping", isTyping)).toJson();
      List<String> targets = otherParties(order, from);
      targets.forEach(address -> outbox.publishLive(address, envelope));
      message.reply(new JsonObject().put("delivered", targets.size()));
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
