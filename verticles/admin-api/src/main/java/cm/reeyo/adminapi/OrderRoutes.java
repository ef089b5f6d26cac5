package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Admins: every order by status (or a day's recent orders), one order, cancelling any undelivered order. */
public final class OrderRoutes {

  private final ApiFoundation api;
  private final AuthHandler auth;

  public OrderRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard admins = RoleGuard.only(Role.ADMIN);
    r.get("/api/v1/orders").handler(auth).handler(admins).handler(this::list);
    r.get("/api/v1/orders/:orderId").handler(auth).handler(admins).handler(this::get);
    r.post("/api/v1/orders/:orderId/cancel").handler(auth).handler(admins).handler(new JsonBody()).handler(this::cancel);
    api.openApi().fragment("openapi/admin-api/orders.json");
  }

  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !status.matches("[A-Z_]{1,30}")) {
      throw ApiError.validation("status", "is not a status");
    }
    String day = ctx.queryParams().get("day");
    if (day != null && !day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw ApiError.validation("day", "must be YYYY-MM-DD");
    }
    EngineCall.request(ctx, OrderAddresses.LIST, EngineCall.page(ctx, new JsonObject()).put("status", status).put("day", day))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.GET, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    String reason = check.string("reason", 1, 500);
    check.done();
    EngineCall.request(ctx, OrderAddresses.CANCEL, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("reason", reason))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
