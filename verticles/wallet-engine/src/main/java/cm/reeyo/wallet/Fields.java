package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/** Bus plumbing for the engine's consumers: coded replies, the caller from headers, checked body fields. */
final class Bus {

  private static final Logger LOG = LoggerFactory.getLogger(Bus.class);

  private Bus() {
  }

  /** Handles a request with {@code work} and replies with its answer or its coded failure. */
  static void serve(Message<JsonObject> msg, Function<JsonObject, Future<JsonObject>> work) {
    Future<JsonObject> answer;
    try {
      JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
      answer = work.apply(body);
    } catch (ReplyException e) {
      answer = Future.failedFuture(e);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(msg::reply).onFailure(failure -> {
      if (failure instanceof ReplyException reply && reply.failureCode() != -1) {
        msg.fail(reply.failureCode(), reply.getMessage());
      } else {
        LOG.error("{} failed", msg.address(), failure);
        msg.fail(ErrorCode.INTERNAL.busCode(), "Internal error");
      }
    });
  }

  /** The caller named by the API in the message headers; FORBIDDEN when absent. */
  static Principal caller(Message<?> msg) {
    String id = msg.headers().get(Principal.HEADER_ID);
    String role = msg.headers().get(Principal.HEADER_ROLE);
    if (id == null || id.isBlank() || role == null) {
      throw ErrorCode.FORBIDDEN.exception("No authenticated caller");
    }
    try {
      return new Principal(id, Role.valueOf(role));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.FORBIDDEN.exception("Unknown role");
    }
  }

  static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " is required");
    }
    return s;
  }

  static long amount(JsonObject body, String field, long min) {
    Object v = body.getValue(field);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
      || n.longValue() > 100_000_000L) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + " must be a whole number of XAF from " + min);
    }
    return n.longValue();
  }
}
