package cm.reeyo.apikit;

import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The order reads shared by the user, vendor, rider and admin APIs, each open to that API's role only; the order
 * engine scopes both to the caller (own orders for customers, vendors and riders, any order for admins).
 * <ul>
 *   <li>{@code GET /api/v1/orders?status=&limit=&cursor=} → {@code {items, nextCursor}}, newest first; admins may
 *   also ask {@code day=YYYY-MM-DD} (a day's recent orders when no status is given)</li>
 *   <li>{@code GET /api/v1/orders/{orderId}} → the order as the caller may see it</li>
 * </ul>
 * Each API documents both in its own fragment ({@code openapi/<api>/orders.json}, the rider's {@code dispatch.json}),
 * beside the lifecycle steps of its role.
 */
public final class OrderQueryRoutes {

  private static final String STATUS = "[A-Z_]{1,30}";
  private static final String DAY = "\\d{4}-\\d{2}-\\d{2}";

  private final Role role;

  private OrderQueryRoutes(Role role) {
    this.role = role;
  }

  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Role role) {
    OrderQueryRoutes routes = new OrderQueryRoutes(role);
    RoleGuard only = RoleGuard.only(role);
    api.router().get("/api/v1/orders").handler(auth).handler(only).handler(routes::list);
    api.router().get("/api/v1/orders/:orderId").handler(auth).handler(only).handler(routes::get);
  }

  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !status.matches(STATUS)) {
      throw ApiError.validation("status", "is not a status");
    }
    JsonObject query = new JsonObject();
    if (role == Role.ADMIN) {
      String day = ctx.queryParams().get("day");
      if (day != null && !day.matches(DAY)) {
        throw ApiError.validation("day", "must be YYYY-MM-DD");
      }
      query.put("day", day);
    }
    JsonObject body = EngineCall.page(ctx, new JsonObject()).put("status", status).mergeIn(query);
    EngineCall.request(ctx, OrderAddresses.LIST, body)
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.GET, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
