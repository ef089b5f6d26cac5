package cm.reeyo.identity;

import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiFunction;

/** Shared field rules of the identity routes, and the hand-over of a validated form to the action handler. */
final class Forms {

  private static final String KEY = "identity.form";

  private Forms() {
  }

  /** A validation step: runs {@code rules} on the JSON body and stores the clean form for {@link #of}. */
  static Handler<RoutingContext> validate(BiFunction<JsonCheck, JsonObject, JsonObject> rules) {
    return ctx -> {
      JsonObject body = JsonBody.of(ctx);
      JsonCheck check = JsonCheck.of(body);
      JsonObject form = rules.apply(check, body);
      check.done();
      ctx.put(KEY, form);
      ctx.next();
    };
  }

  static JsonObject of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** An E.164 phone number (Cameroon by default). */
  static String phone(JsonCheck check, String field, boolean required) {
    String raw = required ? check.string(field, 6, 32) : check.optionalString(field, 6, 32);
    if (raw == null) {
      return null;
    }
    return PhoneNumbers.normalize(raw).orElseGet(() -> check.problem(field, "must be a valid phone number"));
  }

  static String email(JsonCheck check, String field, boolean required) {
    String raw = required ? check.string(field, 3, 254) : check.optionalString(field, 3, 254);
    if (raw == null) {
      return null;
    }
    return PhoneNumbers.normalizeEmail(raw).orElseGet(() -> check.problem(field, "must be a valid e-mail address"));
  }

  /** A new password: the policy applies (never trimmed, never echoed). */
  static String newPassword(JsonCheck check, JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String password)) {
      return check.problem(field, value == null ? "is required" : "must be a string");
    }
    var problems = Passwords.problems(password);
    return problems.isEmpty() ? password : check.problem(field, String.join("; ", problems));
  }

  /** A password presented for checking: a string of sane length, never trimmed. */
  static String presentedPassword(JsonCheck check, JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String password)) {
      return check.problem(field, value == null ? "is required" : "must be a string");
    }
    return password.isEmpty() || password.length() > 256 ? check.problem(field, "must have 1 to 256 characters") : password;
  }

  static String language(JsonCheck check) {
    String language = check.optionalString("language", 2, 2);
    if (language != null && !language.equals("fr") && !language.equals("en")) {
      return check.problem("language", "must be fr or en");
    }
    return language;
  }
}
