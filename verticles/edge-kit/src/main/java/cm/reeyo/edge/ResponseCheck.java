package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.bus.Violations;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every HTTP answer against the API's OpenAPI document, for tests, as {@code ContractCheck} checks bus messages:
 * on when the system property {@value #PROPERTY} is {@code true} (the parent POM sets it for every module's tests).
 * {@link Responses} asks {@link #verify} before writing: the status must be declared by the operation that matched the
 * request (method and path template), the body must fit that status's schema (closed: a field the document does not
 * name is a violation), and a 2xx must not follow a request body the operation's schema refuses (the route accepted
 * input its document does not allow). A request no operation matches may only get an {@code Error}-shaped 4xx/5xx.
 * A violation is logged, recorded for the test harness ({@link Violations}; the testkit's extension fails the test),
 * and the answer becomes a 500 {@code INTERNAL} whose message starts with {@value #MARK}, so a test asserting the
 * status fails where it stands.
 */
public final class ResponseCheck {

  public static final String PROPERTY = "reeyo.http.responseCheck";
  public static final String MARK = "CONTRACT_VIOLATION";
  /** Read once (the property is set for the whole JVM); {@link #force} is for the check's own test. */
  private static volatile boolean enabled = Boolean.getBoolean(PROPERTY);
  private static final String KEY = "reeyo.responseCheck";
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCheck.class);

  private final JsonObject doc;
  private final OpenApiSchemas schemas;
  private final List<Template> templates = new ArrayList<>();

  private record Template(Pattern pattern, JsonObject item, String path) {
  }

  ResponseCheck(JsonObject doc) {
    this.doc = doc;
    this.schemas = new OpenApiSchemas(doc);
    doc.getJsonObject("paths", new JsonObject()).forEach(e -> templates.add(new Template(
      Pattern.compile(e.getKey().replaceAll("\\{[^}/]+}", "[^/]+").replace(".", "\\.")),
      (JsonObject) e.getValue(), e.getKey())));
    // literal paths before templated ones: /orders/active wins over /orders/{id}
    templates.sort((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(),
      b.path().chars().filter(c -> c == '{').count()));
  }

  public static boolean enabled() {
    return enabled;
  }

  /** Turns the check on or off for routers created from now on (its own test). */
  static void force(boolean on) {
    enabled = on;
  }

  /** The first handler of a router in check mode: makes the API's assembled document available to {@link #verify}. */
  static Handler<RoutingContext> handler(Vertx vertx, OpenApiDoc openApi) {
    ResponseCheck[] built = new ResponseCheck[1];
    return ctx -> {
      if (built[0] != null) {
        ctx.put(KEY, built[0]);
        ctx.next();
        return;
      }
      // the body may arrive while the document loads: paused, it waits for the body handler (which resumes it)
      ctx.request().pause();
      openApi.load(vertx).onSuccess(doc -> {
        if (built[0] == null || built[0].doc != doc) {
          built[0] = new ResponseCheck(doc);
        }
        ctx.put(KEY, built[0]);
        ctx.next();
      }).onFailure(f -> {
        ctx.request().resume();
        ctx.fail(f);
      });
    };
  }

  /** The body to send: {@code body} itself, or (a violation) a 500 error body; {@code status} follows it. */
  static Checked verify(RoutingContext ctx, int status, Object body) {
    ResponseCheck check = ctx == null ? null : ctx.get(KEY);
    if (check == null) {
      return new Checked(status, body);
    }
    Optional<String> problem;
    try {
      problem = check.problem(ctx, status, body);
    } catch (RuntimeException e) {
      problem = Optional.of("the response check crashed: " + e);
    }
    if (problem.isEmpty()) {
      return new Checked(status, body);
    }
    String where = ctx.request().method() + " " + ctx.request().path() + " → " + status;
    String sent = String.valueOf(body);
    String text = "HTTP response contract violation (the API's OpenAPI document): " + where + ": " + problem.get()
      + " [body: " + (sent.length() > 400 ? sent.substring(0, 400) + "..." : sent) + "]";
    LOG.error(text);
    Violations.record(text);
    return new Checked(500, ApiError.body(ErrorCode.INTERNAL, MARK + ": " + where + ": " + problem.get(), new JsonArray()));
  }

  /** What to write after the check. */
  record Checked(int status, Object body) {
  }

  Optional<String> problem(RoutingContext ctx, int status, Object body) {
    String path = ctx.request().path();
    String method = ctx.request().method().name().toLowerCase();
    JsonObject op = null;
    for (Template t : templates) {
      if (t.pattern().matcher(path).matches() && t.item().containsKey(method)) {
        op = t.item().getJsonObject(method);
        break;
      }
    }
    if (op == null) {
      if (status < 400) {
        return Optional.of("no operation of the document matches the request, yet it answered " + status);
      }
      return schemas.check(new JsonObject().put("$ref", "#/components/schemas/Error"), body);
    }
    JsonObject responses = op.getJsonObject("responses", new JsonObject());
    JsonObject response = responses.getJsonObject(String.valueOf(status), responses.getJsonObject("default"));
    if (response == null) {
      return Optional.of("status " + status + " is not declared by " + op.getString("operationId")
        + " (declared: " + responses.fieldNames() + ")");
    }
    response = schemas.deref(response);
    JsonObject schema = response == null ? null : jsonSchema(response.getJsonObject("content"));
    if (schema == null) {
      if (body != null) {
        return Optional.of("status " + status + " of " + op.getString("operationId") + " declares no JSON body");
      }
    } else {
      Optional<String> bad = schemas.check(schema, body);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return status < 300 ? request(ctx, op) : Optional.empty();
  }

  private Optional<String> request(RoutingContext ctx, JsonObject op) {
    JsonObject requestBody = op.getJsonObject("requestBody");
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (requestBody == null || raw == null || raw.length() == 0) {
      return Optional.empty();
    }
    JsonObject schema = jsonSchema(schemas.deref(requestBody).getJsonObject("content"));
    String type = ctx.request().getHeader("Content-Type");
    if (schema == null || type == null || !type.toLowerCase().startsWith("application/json")) {
      return Optional.empty();
    }
    Object value;
    try {
      value = raw.toJsonValue();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return schemas.check(schema, value).map(p -> "the route accepted a request body its document refuses: " + p);
  }

  private static JsonObject jsonSchema(JsonObject content) {
    if (content == null) {
      return null;
    }
    for (String type : content.fieldNames()) {
      if (type.startsWith("application/json")) {
        return content.getJsonObject(type).getJsonObject("schema");
      }
    }
    return null;
  }
}
