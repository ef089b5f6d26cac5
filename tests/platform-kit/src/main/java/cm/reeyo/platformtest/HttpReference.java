package cm.reeyo.platformtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code docs/http.md}, the HTTP reference, from the OpenAPI documents the APIs serve at {@code /openapi.json}:
 * per API every operation (paths sorted, then method), its summary, who may call it, its parameters, the fields of its
 * JSON body and its response codes. Nothing here is written by hand: change a fragment, regenerate.
 */
public final class HttpReference {

  /** One API: its module name, the role of its callers and its served document. */
  public record Api(String module, String role, JsonObject doc) {
  }

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private HttpReference() {
  }

  public static String render(List<Api> apis) {
    StringBuilder out = new StringBuilder();
    out.append("# HTTP reference\n\n")
      .append("Generated from the OpenAPI documents the APIs serve at `GET /openapi.json` (assembled in `edge-kit`'s\n")
      .append("`OpenApiDoc` from `openapi/<api>.json` plus one fragment per route group). Do not edit by hand: change the\n")
      .append("fragment, then regenerate (see `docs/README.md`). Errors always have the shape\n")
      .append("`{\"error\": {\"code\", \"message\", \"details\": [{\"field\", \"issue\"}]}}`.\n\n");
    for (Api api : apis) {
      out.append("- [").append(title(api)).append("](#").append(api.module()).append(")\n");
    }
    for (Api api : apis) {
      renderApi(out, api);
    }
    return out.toString();
  }

  private static String title(Api api) {
    return api.doc().getJsonObject("info", new JsonObject()).getString("title", api.module());
  }

  private static void renderApi(StringBuilder out, Api api) {
    out.append("\n## ").append(api.module()).append("\n\n").append(title(api))
      .append(": bearer routes take an access token of role `").append(api.role()).append("`.\n");
    JsonObject schemas = api.doc().getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    Map<String, Object> paths = new TreeMap<>(api.doc().getJsonObject("paths", new JsonObject()).getMap());
    for (String path : paths.keySet()) {
      JsonObject item = api.doc().getJsonObject("paths").getJsonObject(path);
      for (String method : METHODS) {
        JsonObject op = item.getJsonObject(method);
        if (op != null) {
          renderOperation(out, api, method.toUpperCase() + " " + path, op, schemas);
        }
      }
    }
  }

  private static void renderOperation(StringBuilder out, Api api, String title, JsonObject op, JsonObject schemas) {
    out.append("\n### `").append(title).append("`\n\n");
    if (op.getString("summary") != null) {
      out.append(op.getString("summary")).append("\n\n");
    }
    boolean secured = op.getJsonArray("security") != null && !op.getJsonArray("security").isEmpty();
    out.append("- Auth: ").append(secured ? "bearer access token, role `" + api.role() + "`" : "none").append('\n');
    JsonArray params = op.getJsonArray("parameters", new JsonArray());
    if (!params.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        JsonObject p = params.getJsonObject(i);
        names.add("`" + p.getString("name") + "` (" + p.getString("in") + (p.getBoolean("required", false) ? ", required" : "")
          + (p.getString("description") != null ? ": " + p.getString("description") : "") + ")");
      }
      out.append("- Parameters: ").append(String.join(", ", names)).append('\n');
    }
    JsonObject body = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
      .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
    if (body != null) {
      renderBody(out, SchemaText.resolve(body, schemas), schemas);
    }
    out.append("- Responses: ").append(responses(op.getJsonObject("responses", new JsonObject()),
      api.doc().getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject()))).append('\n');
  }

  private static void renderBody(StringBuilder out, JsonObject schema, JsonObject schemas) {
    List<String[]> rows = new ArrayList<>();
    SchemaText.fields("", schema, schemas, rows);
    if (rows.isEmpty()) {
      out.append("- Body: JSON object").append(schema.getBoolean("additionalProperties", true) ? "" : ", no fields")
        .append('\n');
      return;
    }
    out.append("- Body (JSON").append(schema.getBoolean("additionalProperties", true) ? "" : "; other fields refused")
      .append("):\n\n  | field | type | required | notes |\n  |---|---|---|---|\n");
    for (String[] row : rows) {
      out.append("  | `").append(row[0]).append("` | ").append(row[1]).append(" | ").append(row[2]).append(" | ")
        .append(row[3]).append(" |\n");
    }
    out.append('\n');
  }

  /** Each status with its description; a shared response ({@code $ref} to components/responses) is resolved. */
  private static String responses(JsonObject responses, JsonObject shared) {
    List<String> codes = new ArrayList<>();
    new TreeMap<>(responses.getMap()).forEach((code, value) -> {
      Map<?, ?> response = (Map<?, ?>) value;
      Object ref = response.get("$ref");
      if (ref != null) {
        JsonObject target = shared.getJsonObject(String.valueOf(ref).replace("#/components/responses/", ""));
        response = target == null ? response : target.getMap();
      }
      codes.add(code + " " + response.get("description"));
    });
    return String.join(" · ", codes);
  }
}
