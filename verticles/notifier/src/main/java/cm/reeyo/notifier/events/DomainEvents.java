package cm.reeyo.notifier.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;

/**
 * Translates the producers' domain events into the rule names of {@link EventRules}: the order engine publishes
 * {@code order.placed}, {@code order.rider-assigned}, ...; the wallet engine publishes transfers by kind
 * ({@code TOPUP}, {@code PAYOUT_REJECTED}, ...) with their legs, from which the owner and the amount are read.
 */
final class DomainEvents {

  private static final Map<String, String> ORDER_TYPES = Map.of(
    "order.placed", "order_placed",
    "order.offered", "rider_offered",
    "order.accepted", "order_accepted",
    "order.ready", "order_ready",
    "order.rider-assigned", "rider_assigned",
    "order.delivered", "order_delivered",
    "order.cancelled", "order_cancelled",
    "order.rejected", "order_cancelled");

  private static final Map<String, String> WALLET_KINDS = Map.of(
    "TOPUP", "topup_confirmed",
    "PAYOUT_REJECTED", "payout_rejected",
    "PAYOUT_RETURNED", "payout_rejected");

  private static final Set<String> OWNER_TYPES = Set.of("USER", "VENDOR", "RIDER");

  private DomainEvents() {
  }

  /** The rule name of an order event type; names already in rule form pass through. */
  static String orderType(String type) {
    return type == null ? null : ORDER_TYPES.getOrDefault(type, type);
  }

  /** The wallet event with {@code type} as a rule name and {@code accountId}, {@code role}, {@code amount} from its owner's leg. */
  static JsonObject wallet(JsonObject event) {
    String kind = event.getString("type");
    if (!WALLET_KINDS.containsKey(kind)) {
      return event;
    }
    JsonObject normalised = event.copy().put("type", WALLET_KINDS.get(kind));
    JsonArray legs = event.getJsonArray("legs", new JsonArray());
    for (Object value : legs) {
      if (value instanceof JsonObject leg && OWNER_TYPES.contains(leg.getString("ownerType"))) {
        normalised.put("accountId", leg.getString("ownerId")).put("role", leg.getString("ownerType"))
          .put("amount", Math.abs(leg.getLong("amount", 0L)));
        if (kind.startsWith("PAYOUT")) {
          normalised.put("payoutId", event.getString("reference"));
        }
        break;
      }
    }
    return normalised;
  }
}
