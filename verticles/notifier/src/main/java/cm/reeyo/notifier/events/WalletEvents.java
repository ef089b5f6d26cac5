package cm.reeyo.notifier.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * Reads a wallet engine event ({@code {type, transferId, key, reference, legs: [{walletId, ownerId, ownerType, type,
 * amount, ...}], at}} plus, when the transfer names them, {@code ownerId, ownerType, payoutId, reason, amount}) as
 * the notifier needs it: whose wallet it concerns, how much, and which payout.
 */
final class WalletEvents {

  private static final Set<String> OWNER_TYPES = Set.of("USER", "VENDOR", "RIDER");

  private WalletEvents() {
  }

  /**
   * The event with {@code ownerId}, {@code ownerType} and {@code amount} filled in from its legs when the producer
   * did not name them (the one owner wallet among the legs, and what moved on it), and {@code payoutId} from the
   * reference of a payout transfer. An event touching several owners (a settlement) names no owner.
   */
  static JsonObject subject(JsonObject event) {
    JsonObject out = event.copy();
    List<JsonObject> ownerLegs = event.getJsonArray("legs", new JsonArray()).stream()
      .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
      .filter(l -> OWNER_TYPES.contains(l.getString("ownerType")))
      .toList();
    boolean oneOwner = ownerLegs.stream().map(l -> l.getString("ownerId")).distinct().count() == 1;
    if (out.getString("ownerId") == null && oneOwner) {
      out.put("ownerId", ownerLegs.get(0).getString("ownerId")).put("ownerType", ownerLegs.get(0).getString("ownerType"));
    }
    if (out.getValue("amount") == null && oneOwner) {
      out.put("amount", ownerLegs.get(ownerLegs.size() - 1).getLong("amount"));
    }
    if (out.getString("payoutId") == null && event.getString("type", "").startsWith("PAYOUT_")) {
      out.put("payoutId", event.getString("reference"));
    }
    return out;
  }
}
