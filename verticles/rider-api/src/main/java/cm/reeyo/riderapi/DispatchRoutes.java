package cm.reeyo.riderapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.apikit.OrderQueryRoutes;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A rider's work: online status, open offers, the orders carried (the shared {@link OrderQueryRoutes}), taking an
 * order, pickup, delivery with the customer's code.
 */
public final class DispatchRoutes {

  private final ApiFoundation api;
  private final AuthHandler auth;

  public DispatchRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard riders = RoleGuard.only(Role.RIDER);
    r.put("/api/v1/status").handler(auth).handler(riders).handler(new JsonBody()).handler(this::status);
    r.get("/api/v1/offers").handler(auth).handler(riders)
      .handler(ctx -> call(ctx, OrderAddresses.OFFERS, new JsonObject()));
    r.get("/api/v1/leaderboard").handler(auth).handler(riders)
      .handler(ctx -> call(ctx, OrderAddresses.LEADERBOARD, EngineCall.page(ctx, new JsonObject())));
    OrderQueryRoutes.mount(api, auth, Role.RIDER);
    r.post("/api/v1/orders/:orderId/accept").handler(auth).handler(riders).handler(new JsonBody())
      .handler(ctx -> noBody(ctx, OrderAddresses.RIDER_ACCEPT, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId"))));
    r.post("/api/v1/orders/:orderId/pickup").handler(auth).handler(riders).handler(new JsonBody())
      .handler(ctx -> noBody(ctx, OrderAddresses.TRANSITION, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId"))
        .put("action", "pickup")));
    r.post("/api/v1/orders/:orderId/deliver").handler(auth).handler(riders).handler(new JsonBody()).handler(this::deliver);
    api.openApi().fragment("openapi/rider-api/dispatch.json");
  }

  private void status(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("isOnline", "lat", "lng");
    Boolean online = check.bool("isOnline");
    Double lat = Boolean.TRUE.equals(online) ? check.number("lat", -90, 90) : check.optionalNumber("lat", -90, 90);
    Double lng = Boolean.TRUE.equals(online) ? check.number("lng", -180, 180) : check.optionalNumber("lng", -180, 180);
    check.done();
    call(ctx, OrderAddresses.RIDER_STATUS, new JsonObject().put("isOnline", online).put("lat", lat).put("lng", lng));
  }

  private void deliver(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("code");
    String code = check.string("code", 4, 4);
    if (code != null && !code.matches("\\d{4}")) {
      check.problem("code", "must be 4 digits");
    }
    check.done();
    call(ctx, OrderAddresses.TRANSITION, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId"))
      .put("action", "deliver").put("code", code));
  }

  private void noBody(RoutingContext ctx, String address, JsonObject body) {
    JsonCheck.of(JsonBody.of(ctx)).allowOnly().done();
    call(ctx, address, body);
  }

  private void call(RoutingContext ctx, String address, JsonObject body) {
    EngineCall.request(ctx, address, body)
      .compose(answer -> Responses.ok(ctx, answer))
      .onFailure(ctx::fail);
  }
}
