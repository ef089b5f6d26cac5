package cm.reeyo.adminapi;

import cm.reeyo.edge.JsonCheck;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Query-string parameters read through {@link JsonCheck}, so bad values answer the usual 400 shape. */
final class Query {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private Query() {
  }

  /** The named query parameters (first value of each) as a JSON object of strings. */
  static JsonObject of(RoutingContext ctx, String... names) {
    JsonObject params = new JsonObject();
    for (String name : names) {
      String value = ctx.queryParams().get(name);
      if (value != null) {
        params.put(name, value);
      }
    }
    return params;
  }

  /** {@code ?limit=} (default 20, 1..100), reporting a bad value on {@code check}. */
  static int limit(RoutingContext ctx, JsonCheck check) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    check.problem("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    return DEFAULT_LIMIT;
  }
}
