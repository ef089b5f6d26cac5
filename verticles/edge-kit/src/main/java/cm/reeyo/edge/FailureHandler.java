package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of a router: every failure becomes the API.md error shape with a stable code. A 503
 * (an engine overloaded, or none serving) carries {@code Retry-After: }{@value #UNAVAILABLE_RETRY_AFTER_SECONDS}.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  public static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx.failure(), ctx.statusCode());
    if (error.code().httpStatus() >= 500) {
      LOG.error("request {} {} failed [{}]", ctx.request().method(), ctx.request().path(),
        RequestId.of(ctx), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.code() == ErrorCode.RATE_LIMITED && error instanceof RateLimitedError limited) {
      ctx.response().putHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
    }
    if (error.code() == ErrorCode.UNAVAILABLE) {
      ctx.response().putHeader("Retry-After", String.valueOf(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    Responses.json(ctx, error.code().httpStatus(), error.toJson());
  }

  static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof DecodeException) {
      return new ApiError(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON");
    }
    if (failure instanceof ClassCastException || failure instanceof IllegalArgumentException) {
      return new ApiError(ErrorCode.VALIDATION_FAILED, "A field has the wrong type or value");
    }
    if (failure instanceof ReplyException reply) {
      ErrorCode code = ErrorCode.of(reply);
      String message = code == ErrorCode.TIMEOUT ? "A service did not answer in time; try again"
        : code == ErrorCode.UNAVAILABLE ? "A service is busy or unavailable; retry after "
        + UNAVAILABLE_RETRY_AFTER_SECONDS + " s" : reply.getMessage();
      return new ApiError(code, message == null ? code.name() : message, new JsonArray());
    }
    if (failure instanceof HttpException http) {
      return byStatus(http.getStatusCode());
    }
    // A handler that failed the request with a client-error status (CorsHandler: 403 for a foreign Origin, with an
    // IllegalStateException) meant that status, not an internal error.
    return failure == null || status >= 400 && status < 500 ? byStatus(status) : new ApiError(ErrorCode.INTERNAL, "Internal error");
  }

  static ApiError byStatus(int status) {
    return switch (status) {
      case 400 -> new ApiError(ErrorCode.VALIDATION_FAILED, "Bad request");
      case 401 -> new ApiError(ErrorCode.UNAUTHORIZED, "Authentication required");
      case 403 -> new ApiError(ErrorCode.FORBIDDEN, "Forbidden");
      case 404 -> new ApiError(ErrorCode.NOT_FOUND, "No such resource");
      case 405 -> new ApiError(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed on this resource");
      case 413 -> new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
      case 415 -> new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json");
      case 429 -> new ApiError(ErrorCode.RATE_LIMITED, "Too many requests");
      case 503 -> new ApiError(ErrorCode.UNAVAILABLE, "Service unavailable");
      default -> new ApiError(ErrorCode.INTERNAL, "Internal error");
    };
  }
}
