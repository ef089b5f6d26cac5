package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.geo.NearbyQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers browsing: approved vendors near a point (open and online first, cursor-paged, from the order engine's geo
 * index), a vendor, its menu. A cached menu is served as the bytes Redis holds (one GET, no decoding); a miss asks the
 * engine, which fills the cache.
 */
public final class CatalogRoutes {

  static final double DEFAULT_RADIUS_KM = NearbyQuery.DEFAULT_RADIUS_KM;
  static final double MAX_RADIUS_KM = NearbyQuery.MAX_RADIUS_KM;
  private static final String NEARBY = "userapi.nearby";
  private static final Logger LOG = LoggerFactory.getLogger(CatalogRoutes.class);

  private final ApiFoundation api;
  private final AuthHandler auth;
  private final RedisAPI redis;

  public CatalogRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
    this.redis = api.redis().api();
  }

  public void mount() {
    Router r = api.router();
    RoleGuard customers = RoleGuard.only(Role.USER);
    r.get("/api/v1/vendors").handler(auth).handler(customers).handler(this::validateNearby).handler(this::nearby);
    r.get("/api/v1/vendors/:vendorId").handler(auth).handler(customers).handler(this::vendor);
    r.get("/api/v1/vendors/:vendorId/menu").handler(auth).handler(customers).handler(this::menu);
    api.openApi().fragment("openapi/user-api/catalog.json");
  }

  private void validateNearby(RoutingContext ctx) {
    Double lat = EngineCall.number(ctx, "lat", -90, 90, true);
    Double lng = EngineCall.number(ctx, "lng", -180, 180, true);
    Double radius = EngineCall.number(ctx, "radiusKm", 0.1, MAX_RADIUS_KM, false);
    String cuisine = ctx.queryParams().get("cuisine");
    if (cuisine != null && (cuisine.isBlank() || cuisine.length() > 60)) {
      throw ApiError.validation("cuisine", "must be 1 to 60 characters");
    }
    String openNow = ctx.queryParams().get("openNow");
    if (openNow != null && !openNow.equals("true") && !openNow.equals("false")) {
      throw ApiError.validation("openNow", "must be true or false");
    }
    ctx.put(NEARBY, EngineCall.page(ctx, new JsonObject()).put("lat", lat).put("lng", lng)
      .put("radiusKm", radius == null ? DEFAULT_RADIUS_KM : radius).put("cuisine", cuisine)
      .put("openNow", "true".equals(openNow)));
    ctx.next();
  }

  private void nearby(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CATALOG_NEARBY, ctx.get(NEARBY))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void vendor(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CATALOG_VENDOR, new JsonObject().put("vendorId", EngineCall.id(ctx, "vendorId")))
      .compose(v -> Responses.ok(ctx, v))
      .onFailure(ctx::fail);
  }

  private void menu(RoutingContext ctx) {
    String vendorId = EngineCall.id(ctx, "vendorId");
    cachedMenu(vendorId)
      .compose(bytes -> bytes != null ? Responses.ok(ctx, bytes)
        : EngineCall.request(ctx, OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", vendorId))
          .compose(m -> Responses.ok(ctx, m)))
      .onFailure(ctx::fail);
  }

  /** The cached menu response as stored, or null (a miss, or Redis trouble: the engine answers then). */
  private Future<Buffer> cachedMenu(String vendorId) {
    return redis.get(RedisKeys.menu(vendorId))
      .map(r -> r == null ? null : r.toBuffer())
      .otherwise(f -> {
        LOG.warn("menu cache read failed: {}", f.getMessage());
        return null;
      });
  }
}
