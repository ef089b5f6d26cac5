package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/** Bus plumbing of the engine: the caller from the headers, JSON bodies, coded failure replies. */
final class Requests {

  private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

  private Requests() {
  }

  /** The principal the API put in the headers; a failure (UNAUTHORIZED) when absent or malformed. */
  static Principal principal(Message<?> msg) {
    String id = msg.headers().get(Principal.HEADER_ID);
    String role = msg.headers().get(Principal.HEADER_ROLE);
    if (id == null || role == null) {
      throw ErrorCode.UNAUTHORIZED.exception("No principal on the request");
    }
    try {
      return new Principal(id, Role.valueOf(role));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.UNAUTHORIZED.exception("Unknown role");
    }
  }

  /** The request body without null-valued fields (an absent optional field and an explicit null read the same). */
  static JsonObject body(Message<?> msg) {
    JsonObject body = new JsonObject();
    if (msg.body() instanceof JsonObject json) {
      json.forEach(e -> {
        if (e.getValue() != null) {
          body.put(e.getKey(), e.getValue());
        }
      });
    }
    return body;
  }

  /** Handles one request with a principal: runs {@code work}, replies its answer or a coded failure. */
  static void handle(Message<Object> msg, BiFunction<Principal, JsonObject, Future<?>> work) {
    Future<?> answer;
    try {
      answer = work.apply(principal(msg), body(msg));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(msg::reply).onFailure(failure -> fail(msg, failure));
  }

  /** Handles one request from another service (no principal needed). */
  static void handleSystem(Message<Object> msg, java.util.function.Function<JsonObject, Future<?>> work) {
    Future<?> answer;
    try {
      answer = work.apply(body(msg));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(msg::reply).onFailure(failure -> fail(msg, failure));
  }

  static void fail(Message<?> msg, Throwable failure) {
    ErrorCode code = ErrorCode.of(failure);
    if (code == ErrorCode.INTERNAL) {
      LOG.error("{} failed", msg.address(), failure);
    }
    String message = failure instanceof ReplyException && code != ErrorCode.INTERNAL ? failure.getMessage() : "Internal error";
    msg.fail(code.busCode(), message);
  }

  static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " is required");
    }
    return s;
  }

  static int limit(JsonObject body) {
    Object v = body.getValue("limit");
    int limit = v instanceof Number n ? n.intValue() : 20;
    return Math.max(1, Math.min(100, limit));
  }
}
