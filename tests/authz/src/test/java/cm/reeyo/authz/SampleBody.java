package cm.reeyo.authz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A plausible request body built from an operation's schema, so that a refusal comes from authorization and not from
 * validation: known fields get a value from {@link #VALUES} (optional ones too, so an "at least one field" PATCH
 * passes), other required fields a value of their type.
 */
final class SampleBody {

  static final JsonObject VALUES = new JsonObject()
    .put("reason", "Authorization matrix check")
    .put("rating", 5)
    .put("review", "Fine")
    .put("code", "0000")
    .put("name", "Ndolé")
    .put("price", 10_000)
    .put("available", true)
    .put("estimatedMinutes", 15)
    .put("isOnline", false)
    .put("lat", 4.0511)
    .put("lng", 9.7679)
    .put("amount", 5_000)
    .put("phone", "+237670000000");

  private SampleBody() {
  }

  static JsonObject of(JsonObject schema) {
    JsonObject body = new JsonObject();
    if (schema == null) {
      return body;
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (String field : properties.fieldNames()) {
      if (VALUES.containsKey(field)) {
        body.put(field, VALUES.getValue(field));
      } else if (required.contains(field)) {
        body.put(field, typed(properties.getJsonObject(field)));
      }
    }
    return body;
  }

  private static Object typed(JsonObject property) {
    JsonArray options = property.getJsonArray("enum");
    if (options != null && !options.isEmpty()) {
      return options.getValue(0);
    }
    return switch (property.getString("type", "string")) {
      case "integer" -> property.getLong("minimum", 1L);
      case "number" -> property.getDouble("minimum", 0.0);
      case "boolean" -> true;
      case "object" -> of(property);
      case "array" -> new JsonArray();
      default -> "matrix";
    };
  }
}
