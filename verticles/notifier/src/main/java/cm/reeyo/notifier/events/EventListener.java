package cm.reeyo.notifier.events;

import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.notifier.AccountDirectory;
import cm.reeyo.notifier.Outbound;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns order and wallet domain events into notifications per {@link EventRules}. Every notifier instance on every
 * node hears each published event; message ids derived from (event, recipient, channel, template) make the outbox
 * accept each notification once.
 */
public final class EventListener {

  private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);

  private final Outbound outbound;
  private final AccountDirectory directory;

  public EventListener(Outbound outbound, AccountDirectory directory) {
    this.outbound = outbound;
    this.directory = directory;
  }

  public List<MessageConsumer<JsonObject>> register(EventBus bus) {
    return List.of(
      bus.consumer(OrderAddresses.EVENTS, m -> onOrderEvent(m.body())),
      bus.consumer(WalletAddresses.EVENTS, m -> onWalletEvent(m.body())));
  }

  Future<Void> onOrderEvent(JsonObject event) {
    String type = event.getString("type");
    JsonObject order = event.getJsonObject("order", new JsonObject());
    String orderId = event.getString("orderId", order.getString("orderId"));
    String key = eventKey(event, orderId);
    JsonObject params = orderParams(event, order, orderId);
    JsonObject data = new JsonObject().put("type", type).put("orderId", orderId);
    return riderName(params, order).compose(p -> each(EventRules.forOrderEvent(type), rule ->
      each(recipients(rule.party(), event, order), r -> notify(rule, r, p, key, data))));
  }

  Future<Void> onWalletEvent(JsonObject published) {
    JsonObject event = WalletEvents.subject(published);
    String type = event.getString("type");
    String key = eventKey(event, event.getString("transferId", event.getString("payoutId")));
    JsonObject params = new JsonObject().put("amount", event.getValue("amount"))
      .put("payoutId", event.getString("payoutId")).put("reason", event.getString("reason"));
    JsonObject data = new JsonObject().put("type", type);
    return each(EventRules.forWalletEvent(type), rule ->
      each(recipients(rule.party(), event, new JsonObject()), r -> notify(rule, r, params, key, data)));
  }

  private Future<Void> notify(EventRules.Rule rule, Recipient r, JsonObject params, String eventKey, JsonObject data) {
    return directory.get(r.role(), r.id()).compose(account -> {
      String lang = account.getString("language");
      JsonObject p = params.copy().put("firstName", account.getString("firstName", ""));
      return each(new ArrayList<>(rule.channels()), channel -> {
        String id = "ev-" + Outbound.shortHash(eventKey + "|" + r.id() + "|" + channel + "|" + rule.template());
        return switch (channel) {
          case SMS -> account.getString("phone") == null || account.getBoolean("phoneUnreachable", false)
            ? Future.succeededFuture() : outbound.sms(id, account.getString("phone"), rule.template(), p, lang, r.id()).mapEmpty();
          case EMAIL -> account.getString("email") == null
            ? Future.succeededFuture() : outbound.email(id, account.getString("email"), rule.template(), p, lang, r.id()).mapEmpty();
          case PUSH -> outbound.push(id, r.id(), r.role(), rule.template(), p, lang).mapEmpty();
          case INBOX -> outbound.inbox(id, r.id(), rule.template(), p, lang, data).mapEmpty();
        };
      });
    }).recover(f -> {
      LOG.warn("{} for {} not queued: {}", rule.template(), r.id(), f.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<JsonObject> riderName(JsonObject params, JsonObject order) {
    if (params.getString("riderName") != null || order.getString("riderId") == null) {
      return Future.succeededFuture(params);
    }
    return directory.get(Role.RIDER, order.getString("riderId"))
      .map(rider -> params.put("riderName", rider.getString("firstName", "")));
  }

  static JsonObject orderParams(JsonObject event, JsonObject order, String orderId) {
    JsonObject p = new JsonObject().put("orderId", orderId)
      .put("orderRef", orderId == null ? "" : "#" + orderId.substring(Math.max(0, orderId.length() - 6)).toUpperCase());
    for (String k : List.of("total", "subtotal", "deliveryFee", "items", "vendorName", "riderName")) {
      if (order.getValue(k) != null) {
        p.put(k, order.getValue(k));
      }
    }
    Object refund = event.getValue("refundAmount", order.getValue("refundAmount", paid(order) ? order.getValue("total") : 0L));
    return p.put("refundAmount", refund).put("reason", event.getString("reason", order.getString("cancelReason")));
  }

  /** Whether the customer's money is being (or was) returned: a paid order that was cancelled or rejected. */
  private static boolean paid(JsonObject order) {
    String status = order.getString("paymentStatus", "");
    return status.equals("REFUND_PENDING") || status.equals("REFUNDED");
  }

  static List<Recipient> recipients(EventRules.Party party, JsonObject event, JsonObject order) {
    List<Recipient> list = new ArrayList<>();
    switch (party) {
      case CUSTOMER -> add(list, Role.USER, order.getString("userId"));
      case VENDOR -> add(list, Role.VENDOR, order.getString("vendorId"));
      case RIDER -> add(list, Role.RIDER, order.getString("riderId"));
      case OFFERED_RIDERS -> event.getJsonArray("riderIds", new JsonArray())
        .forEach(id -> add(list, Role.RIDER, id instanceof String s ? s : null));
      case WALLET_OWNER -> {
        String id = firstOf(event, "accountId", "ownerId", "userId", "vendorId", "riderId");
        String roleName = firstOf(event, "role", "ownerRole", "ownerType");
        Role role = roleName != null ? roleNamed(roleName) : AccountDirectory.roleOf(id);
        if (role != null) {
          add(list, role, id);
        }
      }
    }
    return list;
  }

  private static Role roleNamed(String name) {
    try {
      return Role.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void add(List<Recipient> list, Role role, String id) {
    if (id != null && !id.isBlank()) {
      list.add(new Recipient(role, id));
    }
  }

  private static String firstOf(JsonObject o, String... keys) {
    for (String k : keys) {
      if (o.getValue(k) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  private static String eventKey(JsonObject event, String subject) {
    String eventId = event.getString("eventId");
    return eventId != null ? eventId : event.getString("type") + "|" + subject + "|" + event.getValue("at");
  }

  private static <T> Future<Void> each(List<T> items, java.util.function.Function<T, Future<Void>> action) {
    return Future.join(items.stream().map(action).toList()).mapEmpty();
  }

  record Recipient(Role role, String id) {
  }
}
