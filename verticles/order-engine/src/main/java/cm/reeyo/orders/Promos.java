package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Promo codes as admins manage them: create (a code is unique: conditional put), a page of them, one, and an update
 * (deactivation is {@code active: false}). A promo is {@code {code, kind: PERCENT|FIXED, value, maxDiscount?,
 * minSubtotal, startsAt?, endsAt?, perCustomerLimit, totalLimit, used, fundedBy: PLATFORM|VENDOR, vendorId?, active,
 * description?}}; kind, value, fundedBy and vendorId never change after creation (orders record their discount anyway).
 */
final class Promos {

  static final Set<String> CREATE_FIELDS = Set.of("code", "kind", "value", "maxDiscount", "minSubtotal", "startsAt",
    "endsAt", "perCustomerLimit", "totalLimit", "fundedBy", "vendorId", "active", "description");
  static final Set<String> UPDATE_FIELDS = Set.of("maxDiscount", "minSubtotal", "startsAt", "endsAt", "perCustomerLimit",
    "totalLimit", "active", "description");
  static final long MAX_AMOUNT = 10_000_000;

  private final Dynamo dynamo;

  Promos(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  static String normalise(String code) {
    return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
  }

  Future<JsonObject> create(Principal p, JsonObject body) {
    admin(p);
    JsonObject promo = checked(body, CREATE_FIELDS);
    String code = normalise(body.getString("code"));
    if (code == null || !code.matches("[A-Z0-9_-]{3,30}")) {
      throw invalid("code must be 3 to 30 letters, digits, _ or -");
    }
    String kind = body.getString("kind");
    String fundedBy = body.getString("fundedBy");
    if (!"PERCENT".equals(kind) && !"FIXED".equals(kind)) {
      throw invalid("kind must be PERCENT or FIXED");
    }
    whole(body.getValue("value"), 1, "PERCENT".equals(kind) ? 100 : MAX_AMOUNT, "value");
    if (!"PLATFORM".equals(fundedBy) && !"VENDOR".equals(fundedBy)) {
      throw invalid("fundedBy must be PLATFORM or VENDOR");
    }
    if ("VENDOR".equals(fundedBy) && !(body.getValue("vendorId") instanceof String)) {
      throw invalid("a vendor-funded promo names its vendorId");
    }
    promo.put("code", code).put("used", 0L).put("active", body.getBoolean("active", true))
      .put("minSubtotal", body.getLong("minSubtotal", 0L)).put("perCustomerLimit", body.getLong("perCustomerLimit", 1L))
      .put("createdBy", p.id()).put("createdAt", Timestamps.now()).put("updatedAt", Timestamps.now());
    if (!promo.containsKey("totalLimit")) {
      throw invalid("totalLimit is required");
    }
    window(promo);
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(OrderTables.PROMOS)).item(Items.toItem(promo))
        .conditionExpression("attribute_not_exists(code)")))
      .map(r -> promo)
      .recover(f -> Future.failedFuture(TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? ErrorCode.ALREADY_EXISTS.exception("The promo code " + code + " exists") : f));
  }

  Future<JsonObject> get(Principal p, JsonObject body) {
    admin(p);
    return find(normalise(Requests.requiredString(body, "code")))
      .compose(promo -> promo == null ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such promo code"))
        : Future.succeededFuture(promo));
  }

  /** The stored promo, or null. */
  Future<JsonObject> find(String code) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(OrderTables.PROMOS)).key(Items.key("code", code))
      .consistentRead(true))).map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  Future<JsonObject> page(Principal p, JsonObject body) {
    admin(p);
    int limit = Requests.limit(body);
    return Cursors.read(body.getString("cursor"), CursorScope.scan(OrderTables.PROMOS_TABLE))
      .compose(start -> dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(OrderTables.PROMOS)).limit(limit)
        .exclusiveStartKey(start).consistentRead(true))))
      .map(r -> {
        JsonArray items = new JsonArray();
        r.items().forEach(i -> items.add(Items.toJson(i)));
        return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
      });
  }

  Future<JsonObject> update(Principal p, JsonObject body) {
    admin(p);
    String code = normalise(Requests.requiredString(body, "code"));
    JsonObject set = checked(body.getJsonObject("fields", new JsonObject()), UPDATE_FIELDS);
    if (set.isEmpty()) {
      throw invalid("nothing to change");
    }
    set.put("updatedAt", Timestamps.now()).put("updatedBy", p.id());
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder expr = new StringBuilder();
    int i = 0;
    for (String f : set.fieldNames()) {
      names.put("#f" + i, f);
      values.put(":v" + i, Items.value(set.getValue(f)));
      expr.append(i == 0 ? "SET " : ", ").append("#f").append(i).append(" = :v").append(i++);
    }
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(OrderTables.PROMOS)).key(Items.key("code", code))
        .updateExpression(expr.toString()).conditionExpression("attribute_exists(code)").expressionAttributeNames(names)
        .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)))
      .map(r -> window(Items.toJson(r.attributes())))
      .recover(f -> Future.failedFuture(TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? ErrorCode.NOT_FOUND.exception("No such promo code") : f));
  }

  /** Only the listed fields, each of its type and range. */
  private static JsonObject checked(JsonObject body, Set<String> allowed) {
    JsonObject out = new JsonObject();
    for (String f : body.fieldNames()) {
      if (!allowed.contains(f)) {
        throw invalid(f + " may not be set");
      }
      Object v = body.getValue(f);
      switch (f) {
        case "maxDiscount", "minSubtotal" -> out.put(f, whole(v, "minSubtotal".equals(f) ? 0 : 1, MAX_AMOUNT, f));
        case "perCustomerLimit" -> out.put(f, whole(v, 1, 1000, f));
        case "totalLimit" -> out.put(f, whole(v, 1, MAX_AMOUNT, f));
        case "value" -> out.put(f, whole(v, 1, MAX_AMOUNT, f));
        case "active" -> out.put(f, bool(v, f));
        case "startsAt", "endsAt" -> out.put(f, instant(v, f));
        case "description" -> {
          if (!(v instanceof String s) || s.length() > 500) {
            throw invalid("description must be text of at most 500 characters");
          }
          out.put(f, s);
        }
        default -> out.put(f, v);
      }
    }
    return out;
  }

  private static JsonObject window(JsonObject promo) {
    String from = promo.getString("startsAt");
    String to = promo.getString("endsAt");
    if (from != null && to != null && !OffsetDateTime.parse(from).isBefore(OffsetDateTime.parse(to))) {
      throw invalid("startsAt must be before endsAt");
    }
    return promo;
  }

  private static String instant(Object v, String field) {
    try {
      return Timestamps.format(OffsetDateTime.parse((String) v).toInstant());
    } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
      throw invalid(field + " must be an ISO-8601 date-time with offset");
    }
  }

  private static boolean bool(Object v, String field) {
    if (!(v instanceof Boolean b)) {
      throw invalid(field + " must be true or false");
    }
    return b;
  }

  static long whole(Object v, long min, long max, String field) {
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
      throw invalid(field + " must be a whole number from " + min + " to " + max);
    }
    return n.longValue();
  }

  private static void admin(Principal p) {
    if (p.role() != Role.ADMIN) {
      throw ErrorCode.FORBIDDEN.exception("Only admins manage promo codes");
    }
  }

  private static RuntimeException invalid(String message) {
    return ErrorCode.VALIDATION_FAILED.exception(message);
  }
}
