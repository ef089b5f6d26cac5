package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers (checked against the API's document in check mode: {@link ResponseCheck}). */
public final class Responses {

  private Responses() {
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    if (ResponseCheck.enabled()) {
      ResponseCheck.Checked checked = ResponseCheck.verify(ctx, status, body);
      status = checked.status();
      body = (JsonObject) checked.body();
    }
    return ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json; charset=utf-8")
      .end(body.encode());
  }

  /** 204 without a body. */
  public static Future<Void> noContent(RoutingContext ctx) {
    if (ResponseCheck.enabled()) {
      ResponseCheck.Checked checked = ResponseCheck.verify(ctx, 204, null);
      if (checked.status() != 204) {
        return json(ctx, checked.status(), (JsonObject) checked.body());
      }
    }
    return ctx.response().setStatusCode(204).end();
  }

  public static Future<Void> ok(RoutingContext ctx, JsonObject body) {
    return json(ctx, 200, body);
  }

  /** 200 with a JSON document that is already encoded (a cached answer passed through as bytes). */
  public static Future<Void> ok(RoutingContext ctx, Buffer encodedJson) {
    if (ResponseCheck.enabled()) {
      ResponseCheck.Checked checked = ResponseCheck.verify(ctx, 200, encodedJson.toJsonValue());
      if (checked.status() != 200) {
        return json(ctx, checked.status(), (JsonObject) checked.body());
      }
    }
    return ctx.response()
      .setStatusCode(200)
      .putHeader("Content-Type", "application/json; charset=utf-8")
      .end(encodedJson);
  }

  public static Future<Void> created(RoutingContext ctx, JsonObject body) {
    return json(ctx, 201, body);
  }

  public static Future<Void> page(RoutingContext ctx, JsonArray items, String nextCursor) {
    return ok(ctx, new JsonObject().put("items", items).put("nextCursor", nextCursor));
  }
}
