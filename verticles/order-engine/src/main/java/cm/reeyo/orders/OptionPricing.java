package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Menu item options, priced server-side. An item may carry {@code optionGroups}: {@code [{groupId, name, min, max,
 * options: [{optionId, name, priceDelta}]}]} ("size: one of" is {@code min = max = 1}; "extras: up to N" is
 * {@code min = 0, max = N}). A customer's order line names the chosen {@code options} by optionId; the unit price is
 * the item's price plus the chosen deltas, read from the menu item as stored (a price sent by a client is refused by
 * the API and never read here). The same item may appear on several lines with different choices.
 */
final class OptionPricing {

  static final int MAX_GROUPS = 10;
  static final int MAX_OPTIONS = 20;
  static final long MAX_DELTA = 1_000_000;
  private static final String ID = "[A-Za-z0-9_-]{1,40}";

  private OptionPricing() {
  }

  /** The vendor's option groups checked and normalised; VALIDATION_FAILED names the first problem. */
  static JsonArray validGroups(Object raw) {
    if (!(raw instanceof JsonArray groups) || groups.size() > MAX_GROUPS) {
      throw invalid("optionGroups must be an array of at most " + MAX_GROUPS + " groups");
    }
    JsonArray out = new JsonArray();
    Set<String> groupIds = new HashSet<>();
    Set<String> optionIds = new HashSet<>();
    for (Object g : groups) {
      if (!(g instanceof JsonObject group) || !(group.getValue("groupId") instanceof String gid) || !gid.matches(ID)
        || !groupIds.add(gid) || !(group.getValue("name") instanceof String name) || name.isBlank() || name.length() > 100
        || !(group.getValue("options") instanceof JsonArray options) || options.isEmpty() || options.size() > MAX_OPTIONS) {
        throw invalid("each option group needs a distinct groupId, a name and 1 to " + MAX_OPTIONS + " options");
      }
      long min = whole(group.getValue("min", 0), 0, MAX_OPTIONS, "min");
      long max = whole(group.getValue("max", 1), 1, options.size(), "max (1 to the number of options)");
      if (min > max) {
        throw invalid("min may not exceed max in group " + gid);
      }
      JsonArray cleanOptions = new JsonArray();
      for (Object o : options) {
        if (!(o instanceof JsonObject option) || !(option.getValue("optionId") instanceof String oid) || !oid.matches(ID)
          || !optionIds.add(oid) || !(option.getValue("name") instanceof String oname) || oname.isBlank() || oname.length() > 100
          || !option.fieldNames().stream().allMatch(f -> Set.of("optionId", "name", "priceDelta").contains(f))) {
          throw invalid("each option needs an optionId distinct within the item and a name");
        }
        cleanOptions.add(new JsonObject().put("optionId", oid).put("name", oname)
          .put("priceDelta", whole(option.getValue("priceDelta", 0), 0, MAX_DELTA, "priceDelta")));
      }
      if (!group.fieldNames().stream().allMatch(f -> Set.of("groupId", "name", "min", "max", "options").contains(f))) {
        throw invalid("an option group has only groupId, name, min, max and options");
      }
      out.add(new JsonObject().put("groupId", gid).put("name", name).put("min", min).put("max", max).put("options", cleanOptions));
    }
    return out;
  }

  /**
   * Order lines priced from the menu as stored: VALIDATION_FAILED for a malformed line or a choice the item's groups do
   * not allow, ITEM_UNAVAILABLE for an unknown, unavailable or sold-out item.
   */
  static JsonArray priceItems(JsonArray lines, JsonArray menu, String today) {
    Map<String, JsonObject> byId = new HashMap<>();
    menu.forEach(o -> byId.put(((JsonObject) o).getString("itemId"), (JsonObject) o));
    JsonArray items = new JsonArray();
    Set<String> seen = new HashSet<>();
    for (Object o : lines) {
      JsonObject line = o instanceof JsonObject j ? j : new JsonObject();
      String itemId = line.getValue("itemId") instanceof String s ? s : null;
      long qty = line.getValue("quantity") instanceof Number n ? n.longValue() : 0;
      Object rawChoice = line.getValue("options", new JsonArray());
      if (itemId == null || qty < 1 || qty > Placement.MAX_QUANTITY || !(rawChoice instanceof JsonArray choice)
        || !choice.stream().allMatch(String.class::isInstance)) {
        throw invalid("Each item needs an itemId, a quantity of 1 to " + Placement.MAX_QUANTITY + " and options as a list of optionIds");
      }
      TreeSet<String> chosen = new TreeSet<>();
      choice.forEach(c -> chosen.add((String) c));
      if (chosen.size() != choice.size() || !seen.add(itemId + "|" + String.join(",", chosen))) {
        throw invalid("The same item with the same options may appear once (raise its quantity); an option once per line");
      }
      JsonObject menuItem = byId.get(itemId);
      if (menuItem == null || !menuItem.getBoolean("available", false) || Stock.soldOut(menuItem, today)) {
        throw ErrorCode.ITEM_UNAVAILABLE.exception("Item " + itemId + " is not available");
      }
      JsonArray picked = picked(menuItem, chosen);
      long unit = menuItem.getLong("price") + picked.stream().mapToLong(p -> ((JsonObject) p).getLong("priceDelta")).sum();
      JsonObject priced = new JsonObject().put("itemId", itemId).put("name", menuItem.getString("name")).put("price", unit)
        .put("quantity", qty).put("lineTotal", Math.multiplyExact(unit, qty));
      if (!picked.isEmpty()) {
        priced.put("basePrice", menuItem.getLong("price")).put("options", picked);
      }
      items.add(priced);
    }
    return items;
  }

  /** The chosen options with their group and delta, in the item's order; each group's min/max enforced. */
  private static JsonArray picked(JsonObject menuItem, Set<String> chosen) {
    JsonArray groups = menuItem.getJsonArray("optionGroups", new JsonArray());
    JsonArray picked = new JsonArray();
    List<String> left = new ArrayList<>(chosen);
    for (Object g : groups) {
      JsonObject group = (JsonObject) g;
      int count = 0;
      for (Object o : group.getJsonArray("options")) {
        JsonObject option = (JsonObject) o;
        if (left.remove(option.getString("optionId"))) {
          count++;
          picked.add(new JsonObject().put("groupId", group.getString("groupId")).put("optionId", option.getString("optionId"))
            .put("name", option.getString("name")).put("priceDelta", option.getLong("priceDelta", 0L)));
        }
      }
      if (count < group.getLong("min", 0L) || count > group.getLong("max", 1L)) {
        throw invalid("Choose " + range(group) + " of " + group.getString("name") + " for " + menuItem.getString("name"));
      }
    }
    if (!left.isEmpty()) {
      throw invalid("Unknown option " + left.get(0) + " for " + menuItem.getString("name"));
    }
    return picked;
  }

  private static String range(JsonObject group) {
    long min = group.getLong("min", 0L);
    long max = group.getLong("max", 1L);
    return min == max ? "exactly " + min : min + " to " + max;
  }

  private static long whole(Object value, long min, long max, String what) {
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
      throw invalid(what + " must be a whole number from " + min + " to " + max);
    }
    return n.longValue();
  }

  private static RuntimeException invalid(String message) {
    return ErrorCode.VALIDATION_FAILED.exception(message);
  }
}
