package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/promos/preview} {@code {promoCode, vendorId, items}}: what a promo code takes off a basket, priced
 * by the order engine exactly as placement would (options included), without taking a use; a code that does not apply
 * answers 422 PROMO_NOT_APPLICABLE with the reason.
 */
public final class PromoRoutes {

  private static final String VALID = "validBody";

  private final ApiFoundation api;
  private final AuthHandler auth;

  public PromoRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    api.router().post("/api/v1/promos/preview").handler(auth).handler(RoleGuard.only(Role.USER)).handler(new JsonBody())
      .handler(this::validate).handler(this::preview);
    api.openApi().fragment("openapi/user-api/promos.json");
  }

  private void validate(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("promoCode", "vendorId", "items");
    check.string("promoCode", 3, 30);
    OrderRoutes.checkPromoCode(check);
    check.string("vendorId", 1, 100);
    OrderRoutes.checkLines(check);
    check.done();
    ctx.put(VALID, JsonBody.of(ctx).copy());
    ctx.next();
  }

  private void preview(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.PROMO_PREVIEW, ctx.<JsonObject>get(VALID))
      .compose(preview -> Responses.ok(ctx, preview))
      .onFailure(ctx::fail);
  }
}
