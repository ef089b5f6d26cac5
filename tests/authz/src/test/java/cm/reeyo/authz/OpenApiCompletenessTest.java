package cm.reeyo.authz;

import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four served documents are complete enough to generate clients from: every operation has a unique operationId, a
 * tag, a declared security, a JSON schema for every body it answers, the Error schema on every 4xx/5xx; every object
 * schema is closed (names its fields, refuses others) unless it declares a typed map; and the Redocly lint
 * ({@link RedoclyLint}, recommended rules and the repository's {@code redocly.yaml}) reports no error and no warning.
 * Lists every problem at once (run it after a merge: {@code scripts/openapi-lint}). Writes the documents to
 * {@code target/openapi/<api>.json} for the lint and the client generators.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("OpenAPI documents: complete enough to generate clients from")
class OpenApiCompletenessTest {

  /** Problems known when the check came (free-form objects a fragment has yet to describe): the list only shrinks. */
  static final String DEBT = "tests/authz/src/test/resources/openapi-debt.txt";
  /** {@code -Dreeyo.openapi.strict=true} (scripts/openapi-lint --strict) lists the known debt too. */
  static final String STRICT = "reeyo.openapi.strict";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  /** Open on purpose: the served document itself, and Campay's callback (a third party that may add fields). */
  private static final Set<String> OPEN_BY_DESIGN = Set.of("OpenApiDocument", "CampayWebhook");

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("every operation has an operationId, a tag, a security, typed bodies and the Error schema; every object schema is closed")
  void complete(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx).compose(p -> {
      List<String> problems = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Role role : List.of(Role.USER, Role.VENDOR, Role.RIDER, Role.ADMIN)) {
        String api = role.name().toLowerCase() + "-api";
        chain = chain.compose(v -> p.ok(HttpMethod.GET, role, "/openapi.json", null, null)).map(doc -> {
          write(api, doc);
          problems.addAll(problems(api, doc));
          return null;
        });
      }
      return chain.compose(v -> vertx.executeBlocking(() -> {
        problems.addAll(RedoclyLint.run());
        return problems;
      }));
    }).onComplete(ctx.succeeding(problems -> ctx.verify(() -> {
      Files.write(Path.of("target", "openapi", "problems.txt"), problems);
      List<String> debt = Boolean.getBoolean(STRICT) ? List.of() : debt();
      List<String> fresh = problems.stream().filter(p -> !debt.contains(p)).toList();
      List<String> paid = debt.stream().filter(d -> !problems.contains(d)).toList();
      assertThat(fresh).as("OpenAPI problems (" + fresh.size() + "; fix them; the known debt is " + DEBT + ")").isEmpty();
      assertThat(paid).as("fixed, so remove them from " + DEBT).isEmpty();
      ctx.completeNow();
    })));
  }

  static List<String> problems(String api, JsonObject doc) {
    List<String> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    // (duplicates: one line per distinct problem)
    doc.getJsonObject("paths").forEach(p -> ((JsonObject) p.getValue()).forEach(m -> {
      if (!METHODS.contains(m.getKey())) {
        return;
      }
      String where = api + " " + m.getKey().toUpperCase() + " " + p.getKey() + ": ";
      JsonObject op = (JsonObject) m.getValue();
      String id = op.getString("operationId");
      if (id == null || !id.matches("[a-z][A-Za-z0-9]*")) {
        out.add(where + "no camelCase operationId");
      } else if (!ids.add(id)) {
        out.add(where + "operationId " + id + " is used twice");
      }
      if (op.getJsonArray("tags", new JsonArray()).isEmpty()) {
        out.add(where + "no tag");
      }
      if (!op.containsKey("security")) {
        out.add(where + "no security (say [] for a public route)");
      }
      JsonObject body = op.getJsonObject("requestBody");
      if (body != null && !body.containsKey("$ref") && jsonSchema(body) == null && !formOnly(body)) {
        out.add(where + "a request body without a JSON schema");
      }
      op.getJsonObject("responses", new JsonObject()).forEach(r -> {
        JsonObject response = (JsonObject) r.getValue();
        if (response.containsKey("$ref")) {
          return;
        }
        JsonObject schema = jsonSchema(response);
        if (r.getKey().matches("[45]\\d\\d") && !"/ready".equals(p.getKey()) && (schema == null || !"#/components/schemas/Error".equals(schema.getString("$ref")))) {
          out.add(where + r.getKey() + " does not answer the Error schema");
        }
      });
      open(where, op, out);
    }));
    doc.getJsonObject("components").getJsonObject("schemas").forEach(s -> {
      if (!OPEN_BY_DESIGN.contains(s.getKey())) {
        open(api + " schema " + s.getKey() + ": ", s.getValue(), out);
      }
    });
    return out.stream().distinct().toList();
  }

  /** Object schemas that name no fields and declare no typed map (free-form objects a generator cannot type). */
  private static void open(String where, Object node, List<String> out) {
    if (node instanceof JsonObject schema) {
      boolean object = "object".equals(schema.getValue("type"));
      Object extra = schema.getValue("additionalProperties");
      if (object && !schema.containsKey("properties") && !(extra instanceof JsonObject)) {
        out.add(where + "an object schema with no properties and no typed additionalProperties: " + abbreviate(schema));
      }
      if (object && schema.containsKey("properties") && Boolean.TRUE.equals(extra)) {
        out.add(where + "an open object schema (additionalProperties: true): " + abbreviate(schema));
      }
      schema.forEach(e -> open(where, e.getValue(), out));
    } else if (node instanceof JsonArray array) {
      array.forEach(v -> open(where, v, out));
    }
  }

  private static String abbreviate(JsonObject schema) {
    String text = schema.encode();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  private static boolean formOnly(JsonObject body) {
    JsonObject content = body.getJsonObject("content", new JsonObject());
    return !content.isEmpty() && content.fieldNames().stream().noneMatch(t -> t.startsWith("application/json"));
  }

  private static JsonObject jsonSchema(JsonObject withContent) {
    JsonObject content = withContent.getJsonObject("content");
    if (content == null) {
      return null;
    }
    JsonObject json = content.getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema");
  }

  private static List<String> debt() {
    try {
      Path file = RedoclyLint.Root.find().resolve(DEBT);
      return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()
        : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(String api, JsonObject doc) {
    try {
      Path dir = Path.of("target", "openapi");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(api + ".json"), doc.encodePrettily());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
