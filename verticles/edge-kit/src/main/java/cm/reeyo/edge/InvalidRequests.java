package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;

/**
 * Answers the requests the HTTP codec could not decode (they never reach the router) in the API error shape: a
 * request line over {@link #MAX_INITIAL_LINE} bytes → 414 URI_TOO_LONG, headers over the limit → 431
 * HEADERS_TOO_LARGE, anything else malformed → 400 VALIDATION_FAILED. The connection is closed afterwards.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  /** The longest request line (method, URL, version) accepted, in bytes. */
  public static final int MAX_INITIAL_LINE = 8 * 1024;

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = new ApiError(ErrorCode.URI_TOO_LONG, "The URL is longer than " + MAX_INITIAL_LINE + " bytes", new JsonArray());
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = new ApiError(ErrorCode.HEADERS_TOO_LARGE, "The request headers are too large", new JsonArray());
    } else {
      error = new ApiError(ErrorCode.VALIDATION_FAILED, "The request is not valid HTTP", new JsonArray());
    }
    request.response()
      .setStatusCode(error.code().httpStatus())
      .putHeader("Content-Type", "application/json; charset=utf-8")
      .putHeader("Connection", "close")
      .end(error.toJson().encode());
  }
}
