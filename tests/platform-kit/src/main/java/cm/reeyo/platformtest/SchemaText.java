package cm.reeyo.platformtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** JSON Schema as reference rows: {@code $ref} resolved, nested objects and arrays of objects flattened as paths. */
final class SchemaText {

  private static final String REF_PREFIX = "#/components/schemas/";

  private SchemaText() {
  }

  static JsonObject resolve(JsonObject schema, JsonObject schemas) {
    String ref = schema.getString("$ref");
    return ref != null && ref.startsWith(REF_PREFIX)
      ? schemas.getJsonObject(ref.substring(REF_PREFIX.length()), new JsonObject()) : schema;
  }

  /** Adds one row {@code {path, type, required, notes}} per property, nested ones as {@code a.b} and {@code a[].b}. */
  static void fields(String prefix, JsonObject schema, JsonObject schemas, List<String[]> rows) {
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (String name : properties.fieldNames()) {
      JsonObject p = resolve(properties.getJsonObject(name), schemas);
      String path = prefix + name;
      rows.add(new String[] {path, type(p, schemas), required.contains(name) ? "yes" : "", notes(p)});
      if (p.containsKey("properties")) {
        fields(path + ".", p, schemas, rows);
      }
      JsonObject items = p.getJsonObject("items");
      if (items != null && resolve(items, schemas).containsKey("properties")) {
        fields(path + "[].", resolve(items, schemas), schemas, rows);
      }
    }
  }

  private static String type(JsonObject p, JsonObject schemas) {
    String type = p.getString("type", "any");
    if ("array".equals(type) && p.getJsonObject("items") != null) {
      return "array of " + resolve(p.getJsonObject("items"), schemas).getString("type", "any");
    }
    return type + (p.getBoolean("nullable", false) ? " or null" : "");
  }

  private static String notes(JsonObject p) {
    List<String> notes = new ArrayList<>();
    if (p.getJsonArray("enum") != null) {
      notes.add("one of " + String.join(", ", p.getJsonArray("enum").stream().map(String::valueOf).toList()));
    }
    range(notes, p, "minimum", "maximum", "");
    range(notes, p, "minLength", "maxLength", " characters");
    range(notes, p, "minItems", "maxItems", " items");
    if (p.getString("pattern") != null) {
      notes.add("matches `" + p.getString("pattern") + "`");
    }
    if (p.getString("format") != null) {
      notes.add(p.getString("format"));
    }
    if (p.getString("description") != null) {
      notes.add(p.getString("description"));
    }
    return String.join("; ", notes).replace("|", "\\|").replace("\n", " ");
  }

  private static void range(List<String> notes, JsonObject p, String min, String max, String unit) {
    Object lo = p.getValue(min);
    Object hi = p.getValue(max);
    if (lo != null && hi != null) {
      notes.add(lo + " to " + hi + unit);
    } else if (lo != null) {
      notes.add("at least " + lo + unit);
    } else if (hi != null) {
      notes.add("at most " + hi + unit);
    }
  }
}
