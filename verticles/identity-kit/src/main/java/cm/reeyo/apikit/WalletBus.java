package cm.reeyo.apikit;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Requests to the wallet engine on behalf of the authenticated caller (principal in the headers, never the body). */
public final class WalletBus {

  /** The header a client sends so that a retried money movement happens once. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private WalletBus() {
  }

  public static Future<JsonObject> request(Vertx vertx, Principal caller, String address, JsonObject body) {
    return BusClient.of(vertx).request(address, body, caller);
  }

  /** {@code limit} and {@code cursor} from the query string, checked (limit 1–100, default 20). */
  public static JsonObject page(RoutingContext ctx) {
    JsonObject body = new JsonObject();
    String limit = ctx.request().getParam("limit");
    if (limit != null) {
      int n;
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw cm.reeyo.edge.ApiError.validation("limit", "must be a whole number from 1 to 100");
      }
      if (n < 1 || n > 100) {
        throw cm.reeyo.edge.ApiError.validation("limit", "must be a whole number from 1 to 100");
      }
      body.put("limit", n);
    }
    String cursor = ctx.request().getParam("cursor");
    if (cursor != null) {
      if (cursor.length() > 2048) {
        throw cm.reeyo.edge.ApiError.validation("cursor", "is not valid");
      }
      body.put("cursor", cursor);
    }
    return body;
  }

  /** The client's Idempotency-Key, checked (1–128 visible characters), or null. */
  public static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_HEADER);
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > 128 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw cm.reeyo.edge.ApiError.validation(IDEMPOTENCY_HEADER, "must have 1 to 128 visible characters");
    }
    return key;
  }
}
