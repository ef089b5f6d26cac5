package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.geo.NearbyQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/search?q&lat&lng[&radiusKm&limit&cursor]}: vendors and dishes found by text near a point (the order
 * engine's search index beside its geo index): {@code {vendors, items, nextCursor}}, open vendors first, then nearest.
 */
public final class SearchRoutes {

  static final int MAX_QUERY = 100;
  private static final String SEARCH = "userapi.search";

  private final ApiFoundation api;
  private final AuthHandler auth;

  public SearchRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    r.get("/api/v1/search").handler(auth).handler(RoleGuard.only(Role.USER)).handler(this::validate)
      .handler(this::search);
    api.openApi().fragment("openapi/user-api/search.json");
  }

  private void validate(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
      throw ApiError.validation("q", "must be 1 to " + MAX_QUERY + " characters");
    }
    Double lat = EngineCall.number(ctx, "lat", -90, 90, true);
    Double lng = EngineCall.number(ctx, "lng", -180, 180, true);
    Double radius = EngineCall.number(ctx, "radiusKm", 0.1, NearbyQuery.MAX_RADIUS_KM, false);
    ctx.put(SEARCH, EngineCall.page(ctx, new JsonObject()).put("q", q).put("lat", lat).put("lng", lng)
      .put("radiusKm", radius == null ? NearbyQuery.DEFAULT_RADIUS_KM : radius));
    ctx.next();
  }

  private void search(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CATALOG_SEARCH, ctx.get(SEARCH))
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }
}
