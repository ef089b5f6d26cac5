package cm.reeyo.contracts.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A sample message built from a schema (required and declared properties, first enum value, typed placeholders). */
final class Examples {

  private Examples() {
  }

  static JsonObject of(Contract c) {
    JsonObject example = new JsonObject().put(c.kind() == Kind.REQUEST_REPLY ? "request" : "message",
      sample(c.requestSchema(), c.requestSchema(), 0));
    if (c.kind() == Kind.REQUEST_REPLY) {
      example.put("reply", sample(c.replySchema(), c.replySchema(), 0));
    }
    return example;
  }

  private static Object sample(JsonObject schema, JsonObject root, int depth) {
    if (schema == null || depth > 6) {
      return null;
    }
    if (schema.getValue("$ref") instanceof String ref && ref.startsWith("#/$defs/")) {
      return sample(root.getJsonObject("$defs").getJsonObject(ref.substring(8)), root, depth + 1);
    }
    if (schema.getValue("allOf") instanceof JsonArray all) {
      JsonObject merged = new JsonObject();
      all.forEach(part -> {
        if (sample((JsonObject) part, root, depth + 1) instanceof JsonObject o) {
          merged.mergeIn(o);
        }
      });
      return merged;
    }
    if (schema.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
      return values.getValue(0);
    }
    Object type = schema.getValue("type");
    String t = type instanceof JsonArray types ? types.getString(0) : (String) type;
    if (t == null) {
      return "...";
    }
    return switch (t) {
      case "object" -> object(schema, root, depth);
      case "array" -> new JsonArray();
      case "string" -> "string";
      case "integer" -> 0;
      case "number" -> 0.0;
      case "boolean" -> true;
      default -> null;
    };
  }

  private static JsonObject object(JsonObject schema, JsonObject root, int depth) {
    JsonObject out = new JsonObject();
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    props.fieldNames().forEach(name -> out.put(name, sample(props.getJsonObject(name), root, depth + 1)));
    return out;
  }
}
