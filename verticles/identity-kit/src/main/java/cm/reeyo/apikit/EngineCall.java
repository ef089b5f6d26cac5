package cm.reeyo.apikit;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A route's call to a domain verticle through {@link BusClient}: the authenticated caller goes in the principal headers
 * (never the body), the contract gives the timeout, the answer is the reply's JSON object; coded failures reach the router's failure handler unchanged.
 */
public final class EngineCall {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private EngineCall() {
  }

  public static Future<JsonObject> request(RoutingContext ctx, String address, JsonObject body) {
    return BusClient.of(ctx.vertx()).request(address, body, AuthHandler.principal(ctx));
  }

  /** {@code ?limit=&cursor=} (limit 1..100, default 20) merged into a request body; 400 for a bad limit. */
  public static JsonObject page(RoutingContext ctx, JsonObject body) {
    String limit = ctx.queryParams().get("limit");
    int n = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw ApiError.validation("limit", "must be a whole number");
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw ApiError.validation("limit", "must be between 1 and " + MAX_LIMIT);
      }
    }
    String cursor = ctx.queryParams().get("cursor");
    if (cursor != null && cursor.length() > 2000) {
      throw ApiError.validation("cursor", "is not valid");
    }
    return body.put("limit", n).put("cursor", cursor);
  }

  /** A query parameter that must be a number within bounds (or absent when optional). */
  public static Double number(RoutingContext ctx, String name, double min, double max, boolean required) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      if (required) {
        throw ApiError.validation(name, "is required");
      }
      return null;
    }
    try {
      double v = Double.parseDouble(raw);
      if (Double.isNaN(v) || v < min || v > max) {
        throw ApiError.validation(name, "must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.validation(name, "must be a number");
    }
  }

  /** A path id: 1..100 characters of letters, digits, '_' and '-'; 404 otherwise. */
  public static String id(RoutingContext ctx, String name) {
    String id = ctx.pathParam(name);
    if (id == null || !id.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new ApiError(ErrorCode.NOT_FOUND, "No such resource");
    }
    return id;
  }
}
