package cm.reeyo.authz;

import cm.reeyo.contracts.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One documented operation of a running API, read from its {@code /openapi.json}: the API (by the role it serves),
 * method, path template, path parameters, the request body schema (references resolved), whether it declares
 * bearer security, and its query parameters.
 */
record Operation(Role api, HttpMethod method, String path, List<String> params, JsonObject bodySchema, boolean secured,
                 List<String> queryParams, List<String> requiredQueryParams) {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  /** Every operation of a document, in document order. */
  static List<Operation> of(Role api, JsonObject doc) {
    JsonObject schemas = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    List<Operation> out = new ArrayList<>();
    doc.getJsonObject("paths", new JsonObject()).forEach(path -> {
      JsonObject item = (JsonObject) path.getValue();
      for (String method : METHODS) {
        JsonObject op = item.getJsonObject(method);
        if (op != null) {
          JsonObject schema = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
            .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
          out.add(new Operation(api, HttpMethod.valueOf(method.toUpperCase()), path.getKey(), params(path.getKey()),
            resolve(schema, schemas), op.containsKey("security") && !op.getJsonArray("security").isEmpty(),
            queryParams(item, op, false), queryParams(item, op, true)));
        }
      }
    });
    return out;
  }

  boolean takesId() {
    return !params.isEmpty();
  }

  boolean hasBody() {
    return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
  }

  /** The path with each parameter replaced by its sample; an AssertionError names a parameter without one. */
  String concrete(Map<String, String> samples) {
    Matcher m = PARAM.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = samples.get(m.group(1));
      if (value == null) {
        throw new AssertionError(this + ": no sample id for {" + m.group(1) + "}; add one to the test's table");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  @Override
  public String toString() {
    return api.name().toLowerCase() + "-api " + method + " " + path;
  }

  /** The names of the query parameters declared on the path item or the operation. */
  private static List<String> queryParams(JsonObject item, JsonObject op, boolean requiredOnly) {
    List<String> names = new ArrayList<>();
    for (JsonObject holder : List.of(item, op)) {
      holder.getJsonArray("parameters", new io.vertx.core.json.JsonArray()).stream()
        .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
        .filter(param -> "query".equals(param.getString("in")))
        .filter(param -> !requiredOnly || param.getBoolean("required", false))
        .forEach(param -> names.add(param.getString("name")));
    }
    return names;
  }

  private static List<String> params(String path) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static JsonObject resolve(JsonObject schema, JsonObject schemas) {
    if (schema != null && schema.getString("$ref") != null) {
      String ref = schema.getString("$ref");
      return schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema;
  }
}
