package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Customers browsing: approved vendors near a point (open and online first), a vendor, its menu. */
public final class CatalogRoutes {

  static final double DEFAULT_RADIUS_KM = 10;
  static final double MAX_RADIUS_KM = 50;

  private final ApiFoundation api;
  private final AuthHandler auth;

  public CatalogRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard customers = RoleGuard.only(Role.USER);
    r.get("/api/v1/vendors").handler(auth).handler(customers).handler(this::nearby);
    r.get("/api/v1/vendors/:vendorId").handler(auth).handler(customers).handler(this::vendor);
    r.get("/api/v1/vendors/:vendorId/menu").handler(auth).handler(customers).handler(this::menu);
    api.openApi().fragment("openapi/user-api/catalog.json");
  }

  private void nearby(RoutingContext ctx) {
    Double lat = EngineCall.number(ctx, "lat", -90, 90, true);
    Double lng = EngineCall.number(ctx, "lng", -180, 180, true);
    Double radius = EngineCall.number(ctx, "radiusKm", 0.1, MAX_RADIUS_KM, false);
    JsonObject body = EngineCall.page(ctx, new JsonObject()).put("lat", lat).put("lng", lng)
      .put("radiusKm", radius == null ? DEFAULT_RADIUS_KM : radius);
    EngineCall.request(ctx, OrderAddresses.CATALOG_NEARBY, body)
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void vendor(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CATALOG_VENDOR, new JsonObject().put("vendorId", EngineCall.id(ctx, "vendorId")))
      .compose(v -> Responses.ok(ctx, v))
      .onFailure(ctx::fail);
  }

  private void menu(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", EngineCall.id(ctx, "vendorId")))
      .compose(m -> Responses.ok(ctx, m))
      .onFailure(ctx::fail);
  }
}
