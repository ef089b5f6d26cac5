package cm.reeyo.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenAPI 3.0 schemas turned into JSON Schema (2020-12) validators: {@code $ref}s to {@code components} are inlined
 * (a recursive reference becomes an open schema), {@code nullable} becomes a {@code null} type, OpenAPI-only keywords
 * are dropped. One validator per schema object, kept for the life of the document.
 */
final class OpenApiSchemas {

  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
    .setBaseUri("https://reeyo.cm/openapi/").setOutputFormat(OutputFormat.Basic);
  private static final Set<String> OPENAPI_ONLY = Set.of("nullable", "example", "discriminator", "xml",
    "externalDocs", "deprecated");

  private final JsonObject doc;
  private final Map<JsonObject, Validator> validators = Collections.synchronizedMap(new IdentityHashMap<>());

  OpenApiSchemas(JsonObject doc) {
    this.doc = doc;
  }

  /** A component ({@code #/components/...}) or the object itself when it is no reference. */
  JsonObject deref(JsonObject node) {
    JsonObject at = node;
    for (int i = 0; at != null && at.containsKey("$ref") && i < 10; i++) {
      at = pointer(at.getString("$ref"));
    }
    return at;
  }

  /** Empty when {@code value} fits the OpenAPI schema; otherwise the first problems, with their locations. */
  Optional<String> check(JsonObject schema, Object value) {
    Validator validator = validators.computeIfAbsent(schema,
      s -> Validator.create(JsonSchema.of(convert(s, new ArrayDeque<>())), OPTIONS));
    OutputUnit out;
    synchronized (validator) { // one validation at a time per validator: it is shared by every event loop
      out = validator.validate(value);
    }
    if (Boolean.TRUE.equals(out.getValid())) {
      return Optional.empty();
    }
    List<OutputUnit> errors = out.getErrors() == null ? List.of() : out.getErrors();
    String detail = errors.stream().limit(3)
      .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty() ? "body" : e.getInstanceLocation())
        + ": " + e.getError())
      .collect(Collectors.joining("; "));
    return Optional.of(detail.isEmpty() ? String.valueOf(out.getError()) : detail);
  }

  private JsonObject convert(JsonObject schema, Deque<String> refs) {
    if (schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      JsonObject target = pointer(ref);
      if (target == null || refs.contains(ref)) {
        return new JsonObject();
      }
      refs.push(ref);
      JsonObject inlined = convert(target, refs);
      refs.pop();
      return inlined;
    }
    JsonObject out = new JsonObject();
    schema.forEach(e -> {
      if (!OPENAPI_ONLY.contains(e.getKey())) {
        out.put(e.getKey(), convertValue(e.getKey(), e.getValue(), refs));
      }
    });
    if (schema.getBoolean("nullable", false)) {
      Object type = out.getValue("type");
      if (type instanceof String t) {
        out.put("type", new JsonArray().add(t).add("null"));
      }
      if (out.containsKey("enum")) {
        out.put("enum", out.getJsonArray("enum").copy().add((Object) null));
      }
    }
    return out;
  }

  private Object convertValue(String key, Object value, Deque<String> refs) {
    boolean schemaMap = "properties".equals(key) || "patternProperties".equals(key);
    if (value instanceof JsonObject object) {
      if (schemaMap) {
        JsonObject out = new JsonObject();
        object.forEach(e -> out.put(e.getKey(), e.getValue() instanceof JsonObject s ? convert(s, refs) : e.getValue()));
        return out;
      }
      return convert(object, refs);
    }
    if (value instanceof JsonArray array && !"enum".equals(key) && !"required".equals(key)) {
      JsonArray out = new JsonArray();
      array.forEach(v -> out.add(v instanceof JsonObject s ? convert(s, refs) : v));
      return out;
    }
    return value;
  }

  private JsonObject pointer(String ref) {
    if (ref == null || !ref.startsWith("#/")) {
      return null;
    }
    Object at = doc;
    for (String part : ref.substring(2).split("/")) {
      if (!(at instanceof JsonObject object)) {
        return null;
      }
      at = object.getValue(part.replace("~1", "/").replace("~0", "~"));
    }
    return at instanceof JsonObject object ? object : null;
  }
}
