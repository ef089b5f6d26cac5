package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Validation step before a write route: the body must be a JSON object (415 / 400 otherwise); the parsed
 * object is then available through {@link #of(RoutingContext)}. An empty body reads as {@code {}}. Text that may
 * not be stored anywhere ({@link TextSafety}: control characters, unpaired surrogates) is a 400 naming the field.
 */
public final class JsonBody implements Handler<RoutingContext> {

  private static final String KEY = "jsonBody";

  @Override
  public void handle(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      ctx.put(KEY, new JsonObject());
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase().startsWith("application/json")) {
      ctx.fail(new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json"));
      return;
    }
    JsonObject object;
    try {
      object = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      ctx.fail(new ApiError(ErrorCode.MALFORMED_JSON, "The request body must be one valid JSON object"));
      return;
    }
    String unsafe = TextSafety.firstUnsafe(object);
    if (unsafe != null) {
      ctx.fail(ApiError.validation(unsafe, "contains control characters or unpaired surrogates"));
      return;
    }
    ctx.put(KEY, object);
    ctx.next();
  }

  public static JsonObject of(RoutingContext ctx) {
    JsonObject body = ctx.get(KEY);
    return body == null ? new JsonObject() : body;
  }
}
