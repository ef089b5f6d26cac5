package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every document gets from the assembler rather than from its fragments, so that fragments keep only what must be
 * written by hand (summary, request and response bodies, route-specific statuses):
 * <ul>
 *   <li>{@code servers} (the host that serves the document), the front routes ({@code /health}, {@code /ready},
 *   {@code /openapi.json}) with their bodies, and the {@code Error} schema whose {@code code} is the {@link ErrorCode}
 *   enum;</li>
 *   <li>on every operation: an {@code operationId} derived from method and path when the fragment gives none, a tag
 *   (the first path segment after {@code /api/v1}) when it gives none, {@code security: []} when it declares none
 *   (public route);</li>
 *   <li>the shared error statuses as {@code components/responses}, added by rule: authenticated → 401, 403; under
 *   {@code /api/} → 429 (the global rate limit); a body → 400, 413, 415; query parameters → 400; path parameters → 404;
 *   every operation → 500, 503. An error status a fragment declares without a body gets the {@code Error} body;</li>
 *   <li>every object schema that lists {@code properties} and says nothing about {@code additionalProperties} is
 *   closed ({@code additionalProperties: false}): a response field the document does not name is a contract break
 *   that the response check ({@link ResponseCheck}) reports. Inline request-body schemas are left as written.</li>
 * </ul>
 */
final class OpenApiRules {

  /** Shared error responses: status → (component name, description). */
  static final Map<String, String[]> SHARED = Map.ofEntries(
    Map.entry("400", new String[]{"BadRequest", "Invalid input (VALIDATION_FAILED, MALFORMED_JSON)"}),
    Map.entry("401", new String[]{"Unauthorized", "No valid token (UNAUTHORIZED, TOKEN_EXPIRED)"}),
    Map.entry("403", new String[]{"Forbidden", "The token's role or account state does not allow this"}),
    Map.entry("404", new String[]{"NotFound", "No such resource (NOT_FOUND)"}),
    Map.entry("413", new String[]{"PayloadTooLarge", "The request body is over the limit (PAYLOAD_TOO_LARGE)"}),
    Map.entry("415", new String[]{"UnsupportedMediaType", "The body is not application/json (UNSUPPORTED_MEDIA_TYPE)"}),
    Map.entry("429", new String[]{"RateLimited", "Too many requests (RATE_LIMITED); see Retry-After"}),
    Map.entry("500", new String[]{"Internal", "Internal error (INTERNAL)"}),
    Map.entry("503", new String[]{"Unavailable", "A service is busy or unavailable (UNAVAILABLE); see Retry-After"}));

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final String ERROR_REF = "#/components/schemas/Error";

  private OpenApiRules() {
  }

  static JsonObject apply(JsonObject doc) {
    doc.put("servers", new JsonArray().add(new JsonObject().put("url", "/")
      .put("description", "The host that serves this document")));
    JsonObject info = doc.getJsonObject("info", new JsonObject());
    if (!info.containsKey("description")) {
      info.put("description", info.getString("title", "Reeyo API") + ": generated from the routes' OpenAPI fragments");
    }
    info.put("license", new JsonObject().put("name", "Proprietary").put("url", "https://reeyo.cm/terms"));
    doc.put("info", info);
    JsonObject components = doc.getJsonObject("components", new JsonObject());
    doc.put("components", components);
    JsonObject schemas = components.getJsonObject("schemas", new JsonObject());
    components.put("schemas", schemas);
    schemas.put("Error", errorSchema());
    schemas.put("Health", new JsonObject().put("type", "object").put("required", new JsonArray().add("status"))
      .put("properties", new JsonObject()
        .put("status", new JsonObject().put("type", "string").put("enum", new JsonArray().add("UP").add("DOWN")
          .add("DRAINING").add("STARTING")))
        .put("checks", new JsonObject().put("type", "object").put("additionalProperties",
          new JsonObject().put("type", "string").put("enum", new JsonArray().add("UP").add("DOWN"))))));
    schemas.put("OpenApiDocument", new JsonObject().put("type", "object").put("additionalProperties", true)
      .put("description", "An OpenAPI 3.0 document"));
    front(doc.getJsonObject("paths", new JsonObject()));
    JsonObject responses = components.getJsonObject("responses", new JsonObject());
    components.put("responses", responses);
    SHARED.forEach((status, named) -> responses.put(named[0], errorResponse(named[1])));
    Set<String> tags = new TreeSet<>();
    doc.getJsonObject("paths", new JsonObject()).forEach(p -> ((JsonObject) p.getValue()).forEach(m -> {
      if (METHODS.contains(m.getKey())) {
        operation(p.getKey(), m.getKey(), (JsonObject) m.getValue(), tags);
      }
    }));
    JsonArray declared = doc.getJsonArray("tags", new JsonArray());
    Set<String> known = new TreeSet<>();
    declared.forEach(t -> known.add(((JsonObject) t).getString("name")));
    tags.stream().filter(t -> !known.contains(t))
      .forEach(t -> declared.add(new JsonObject().put("name", t).put("description", "Routes under " + t)));
    doc.put("tags", declared);
    schemas.forEach(e -> close(e.getValue()));
    closeResponses(doc);
    prune(components, doc.getJsonObject("paths").encode());
    return doc;
  }

  /** Drops shared responses no operation uses and schemas nothing refers to (a lint warning, and dead weight). */
  private static void prune(JsonObject components, String paths) {
    for (String kind : new String[]{"responses", "schemas"}) {
      boolean removed = true;
      while (removed) {
        String text = components.getJsonObject("responses").encode() + components.getJsonObject("schemas").encode()
          + paths;
        removed = components.getJsonObject(kind).fieldNames().removeIf(name -> !"Error".equals(name)
          && !text.contains("\"#/components/" + kind + "/" + name + "\""));
      }
    }
  }

  private static void front(JsonObject paths) {
    JsonObject health = json("Health");
    paths.put("/health", new JsonObject().put("get", new JsonObject().put("summary", "Liveness")
      .put("operationId", "getHealth").put("tags", new JsonArray().add("system")).put("security", new JsonArray())
      .put("responses", new JsonObject().put("200", new JsonObject().put("description", "The process answers")
        .put("content", health)))));
    paths.put("/ready", new JsonObject().put("get", new JsonObject()
      .put("summary", "Readiness: every dependency answers in time")
      .put("operationId", "getReady").put("tags", new JsonArray().add("system")).put("security", new JsonArray())
      .put("responses", new JsonObject()
        .put("200", new JsonObject().put("description", "Ready").put("content", json("Health")))
        .put("503", new JsonObject().put("description", "Not ready, starting or draining").put("content", json("Health"))))));
    paths.put("/openapi.json", new JsonObject().put("get", new JsonObject().put("summary", "This document")
      .put("operationId", "getOpenApiDocument").put("tags", new JsonArray().add("system")).put("security", new JsonArray())
      .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OpenAPI 3 document")
        .put("content", json("OpenApiDocument"))))));
  }

  private static void operation(String path, String method, JsonObject op, Set<String> tags) {
    if (!op.containsKey("operationId")) {
      op.put("operationId", operationId(method, path));
    }
    if (!op.containsKey("tags") || op.getJsonArray("tags").isEmpty()) {
      op.put("tags", new JsonArray().add(tag(path)));
    }
    op.getJsonArray("tags").forEach(t -> tags.add(String.valueOf(t)));
    if (!op.containsKey("security")) {
      op.put("security", new JsonArray());
    }
    JsonObject responses = op.getJsonObject("responses", new JsonObject());
    op.put("responses", responses);
    boolean secured = !op.getJsonArray("security").isEmpty();
    boolean body = op.containsKey("requestBody");
    JsonArray params = op.getJsonArray("parameters", new JsonArray());
    boolean query = params.stream().anyMatch(p -> "query".equals(((JsonObject) p).getString("in")));
    boolean ids = path.contains("{");
    if (secured) {
      shared(responses, "401", "403");
    }
    if (path.startsWith("/api/")) {
      shared(responses, "429");
    }
    if (body) {
      shared(responses, "400", "413", "415");
    }
    if (query) {
      shared(responses, "400");
    }
    if (ids) {
      shared(responses, "404");
    }
    shared(responses, "500", "503");
    responses.forEach(r -> {
      JsonObject response = (JsonObject) r.getValue();
      if (r.getKey().matches("[45]\\d\\d") && !response.containsKey("$ref") && !response.containsKey("content")) {
        response.put("content", json("Error"));
      }
    });
  }

  private static void shared(JsonObject responses, String... statuses) {
    for (String status : statuses) {
      if (!responses.containsKey(status)) {
        responses.put(status, new JsonObject().put("$ref", "#/components/responses/" + SHARED.get(status)[0]));
      }
    }
  }

  /** {@code post /api/v1/orders/{orderId}/accept} → {@code postOrdersByOrderIdAccept}. */
  static String operationId(String method, String path) {
    StringBuilder id = new StringBuilder(method.toLowerCase());
    for (String segment : path.replaceFirst("^/api/v\\d+", "").split("[/.\\-_]")) {
      if (segment.isEmpty()) {
        continue;
      }
      boolean param = segment.startsWith("{");
      String word = param ? segment.substring(1, segment.length() - 1) : segment;
      id.append(param ? "By" : "").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return id.toString();
  }

  static String tag(String path) {
    String[] segments = path.replaceFirst("^/api/v\\d+", "").split("/");
    return segments.length > 1 && !segments[1].isEmpty() && !segments[1].startsWith("{") ? segments[1] : "system";
  }

  /** Closes every object schema (recursively) that lists properties and leaves additionalProperties unsaid. */
  static void close(Object node) {
    if (node instanceof JsonObject schema) {
      if (schema.containsKey("properties") && !schema.containsKey("additionalProperties")) {
        schema.put("additionalProperties", false);
      }
      schema.forEach(e -> close(e.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(OpenApiRules::close);
    }
  }

  /** Closes the response schemas of every operation (request bodies are left as their fragments wrote them). */
  static void closeResponses(JsonObject doc) {
    doc.getJsonObject("paths", new JsonObject()).forEach(p -> ((JsonObject) p.getValue()).forEach(m -> {
      if (METHODS.contains(m.getKey())) {
        close(((JsonObject) m.getValue()).getJsonObject("responses"));
      }
    }));
  }

  static JsonObject errorSchema() {
    JsonArray codes = new JsonArray();
    Arrays.stream(ErrorCode.values()).map(Enum::name).forEach(codes::add);
    JsonObject detail = new JsonObject().put("type", "object").put("properties", new JsonObject()
      .put("field", new JsonObject().put("type", "string")).put("issue", new JsonObject().put("type", "string")));
    return new JsonObject().put("type", "object").put("required", new JsonArray().add("error"))
      .put("description", "The error shape of every 4xx/5xx answer")
      .put("properties", new JsonObject().put("error", new JsonObject().put("type", "object")
        .put("required", new JsonArray().add("code").add("message").add("details"))
        .put("properties", new JsonObject()
          .put("code", new JsonObject().put("type", "string").put("enum", codes)
            .put("description", "Stable error code (ErrorCode in bus-contracts)"))
          .put("message", new JsonObject().put("type", "string"))
          .put("details", new JsonObject().put("type", "array").put("items", detail)))));
  }

  private static JsonObject errorResponse(String description) {
    return new JsonObject().put("description", description).put("content", json("Error"));
  }

  private static JsonObject json(String schema) {
    return new JsonObject().put("application/json", new JsonObject().put("schema",
      new JsonObject().put("$ref", "#/components/schemas/" + schema)));
  }
}
