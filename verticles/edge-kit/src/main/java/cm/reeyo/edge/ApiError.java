package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A failure with a stable code, rendered as the API.md error shape. */
public class ApiError extends RuntimeException {

  private final ErrorCode code;
  private final JsonArray details;

  public ApiError(ErrorCode code, String message) {
    this(code, message, new JsonArray());
  }

  public ApiError(ErrorCode code, String message, JsonArray details) {
    super(message, null, false, false);
    this.code = code;
    this.details = details;
  }

  public ErrorCode code() {
    return code;
  }

  public JsonArray details() {
    return details;
  }

  public static ApiError validation(String field, String issue) {
    return new ApiError(ErrorCode.VALIDATION_FAILED, "Invalid request: " + field + " " + issue,
      new JsonArray().add(new JsonObject().put("field", field).put("issue", issue)));
  }

  public JsonObject toJson() {
    return body(code, getMessage(), details);
  }

  public static JsonObject body(ErrorCode code, String message, JsonArray details) {
    return new JsonObject().put("error", new JsonObject()
      .put("code", code.name())
      .put("message", message)
      .put("details", details));
  }
}
