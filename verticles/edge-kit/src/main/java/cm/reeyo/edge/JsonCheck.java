package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Field-by-field checks of a JSON body that collect every problem, then {@link #done()} throws one 400 with a
 * detail per field. Wrong types, out-of-range numbers, over-long strings, unknown enum values and fields a
 * client may not set are all reported, never turned into a 500.
 */
public final class JsonCheck {

  private final JsonObject body;
  private final JsonArray problems = new JsonArray();
  private JsonCheck parent;
  private String prefix = "";

  private JsonCheck(JsonObject body) {
    this.body = body;
  }

  public static JsonCheck of(JsonObject body) {
    return new JsonCheck(body == null ? new JsonObject() : body);
  }

  /** Refuses every field not listed (mass assignment: role, status, balance, ids ... are never accepted). */
  public JsonCheck allowOnly(String... fields) {
    Set<String> allowed = new HashSet<>(Arrays.asList(fields));
    for (String name : body.fieldNames()) {
      if (!allowed.contains(name)) {
        problem(name, "may not be set");
      }
    }
    return this;
  }

  public String string(String field, int min, int max) {
    String value = optionalString(field, min, max);
    if (value == null && !body.containsKey(field)) {
      problem(field, "is required");
    }
    return value;
  }

  public String optionalString(String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      return problem(field, "must be a string");
    }
    String trimmed = s.strip();
    if (trimmed.length() < min || trimmed.length() > max) {
      return problem(field, "must have " + min + " to " + max + " characters");
    }
    return trimmed;
  }

  public Long integer(String field, long min, long max) {
    Long value = optionalInteger(field, min, max);
    if (value == null && !body.containsKey(field)) {
      problem(field, "is required");
    }
    return value;
  }

  public Long optionalInteger(String field, long min, long max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      return problem(field, "must be a whole number");
    }
    if (n.longValue() < min || n.longValue() > max) {
      return problem(field, "must be between " + min + " and " + max);
    }
    return n.longValue();
  }

  public Double number(String field, double min, double max) {
    Double value = optionalNumber(field, min, max);
    if (value == null && !body.containsKey(field)) {
      problem(field, "is required");
    }
    return value;
  }

  public Double optionalNumber(String field, double min, double max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
      return problem(field, "must be a number");
    }
    if (n.doubleValue() < min || n.doubleValue() > max) {
      return problem(field, "must be between " + min + " and " + max);
    }
    return n.doubleValue();
  }

  public Boolean bool(String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Boolean b)) {
      return problem(field, value == null ? "is required" : "must be true or false");
    }
    return b;
  }

  public Boolean optionalBool(String field) {
    return body.getValue(field) == null ? null : bool(field);
  }

  public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String raw = string(field, 1, 40);
    if (raw == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw);
    } catch (IllegalArgumentException e) {
      return problem(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  public JsonObject object(String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonObject o)) {
      return problem(field, value == null ? "is required" : "must be an object");
    }
    return o;
  }

  public JsonObject optionalObject(String field) {
    return body.getValue(field) == null ? null : object(field);
  }

  public JsonArray array(String field, int min, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray a)) {
      return problem(field, value == null ? "is required" : "must be an array");
    }
    if (a.size() < min || a.size() > max) {
      return problem(field, "must have " + min + " to " + max + " entries");
    }
    return a;
  }

  /** Records a problem found by the caller's own rule; answers null so it can end a getter. */
  public <T> T problem(String field, String issue) {
    add(new JsonObject().put("field", field).put("issue", issue));
    return null;
  }

  /** Checks nested objects under a prefix so details name {@code deliveryAddress.lat}. */
  public JsonCheck nested(String prefix, JsonObject value) {
    return new JsonCheck(value).reportingTo(this, prefix);
  }

  private JsonCheck reportingTo(JsonCheck parent, String prefix) {
    this.parent = parent;
    this.prefix = prefix + ".";
    return this;
  }

  private void add(JsonObject problem) {
    if (parent != null) {
      parent.add(problem.put("field", prefix + problem.getString("field")));
    } else {
      problems.add(problem);
    }
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** Throws one VALIDATION_FAILED error naming every problem found, if any. */
  public void done() {
    if (!problems.isEmpty()) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, "Invalid request: " + problems.getJsonObject(0).getString("field")
        + " " + problems.getJsonObject(0).getString("issue"), problems);
    }
  }
}
