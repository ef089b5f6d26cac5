package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Promo codes: {@code POST /api/v1/promos} (create), {@code GET /api/v1/promos} (a page), {@code GET
 * /api/v1/promos/{code}}, {@code PATCH /api/v1/promos/{code}} (window, limits, minimum; {@code active: false}
 * deactivates). The order engine keeps them ({@code orders.v1.promo-*}); creations and changes are audited.
 */
final class PromoAdminRoutes {

  static final String OPENAPI = "openapi/admin-api/promos.json";

  private PromoAdminRoutes() {
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    RoleGuard admin = RoleGuard.only(Role.ADMIN);
    api.router().post("/api/v1/promos").handler(auth).handler(admin).handler(new JsonBody())
      .handler(ctx -> create(api, ctx));
    api.router().get("/api/v1/promos").handler(auth).handler(admin)
      .handler(ctx -> ok(ctx, EngineCall.request(ctx, OrderAddresses.PROMO_LIST, EngineCall.page(ctx, new JsonObject()))));
    api.router().get("/api/v1/promos/:code").handler(auth).handler(admin)
      .handler(ctx -> ok(ctx, EngineCall.request(ctx, OrderAddresses.PROMO_GET, new JsonObject().put("code", EngineCall.id(ctx, "code")))));
    api.router().patch("/api/v1/promos/:code").handler(auth).handler(admin).handler(new JsonBody())
      .handler(ctx -> update(api, ctx));
    api.openApi().fragment(OPENAPI);
  }

  private static void create(ApiFoundation api, RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonCheck check = JsonCheck.of(body).allowOnly("code", "kind", "value", "maxDiscount", "minSubtotal", "startsAt",
      "endsAt", "perCustomerLimit", "totalLimit", "fundedBy", "vendorId", "active", "description");
    String code = check.string("code", 3, 30);
    if (code != null && !code.matches("[A-Za-z0-9_-]{3,30}")) {
      check.problem("code", "must be 3 to 30 letters, digits, _ or -");
    }
    String kind = check.string("kind", 1, 10);
    if (kind != null && !kind.matches("PERCENT|FIXED")) {
      check.problem("kind", "must be PERCENT or FIXED");
    }
    check.integer("value", 1, "PERCENT".equals(kind) ? 100 : 10_000_000);
    check.integer("totalLimit", 1, 10_000_000);
    String fundedBy = check.string("fundedBy", 1, 10);
    if (fundedBy != null && !fundedBy.matches("PLATFORM|VENDOR")) {
      check.problem("fundedBy", "must be PLATFORM or VENDOR");
    }
    String vendorId = check.optionalString("vendorId", 1, 100);
    if ("VENDOR".equals(fundedBy) && vendorId == null) {
      check.problem("vendorId", "is required for a vendor-funded promo");
    }
    common(check);
    check.done();
    Principal admin = AuthHandler.principal(ctx);
    audited(api, ctx, admin, "promo.create", code.toUpperCase(), EngineCall.request(ctx, OrderAddresses.PROMO_CREATE, body))
      .compose(promo -> Responses.created(ctx, promo))
      .onFailure(ctx::fail);
  }

  private static void update(ApiFoundation api, RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonCheck check = JsonCheck.of(body).allowOnly("maxDiscount", "minSubtotal", "startsAt", "endsAt", "perCustomerLimit",
      "totalLimit", "active", "description");
    if (body.isEmpty()) {
      check.problem("body", "must change at least one field");
    }
    check.optionalInteger("totalLimit", 1, 10_000_000);
    common(check);
    check.done();
    String code = EngineCall.id(ctx, "code");
    Principal admin = AuthHandler.principal(ctx);
    String action = Boolean.FALSE.equals(body.getValue("active")) ? "promo.deactivate" : "promo.update";
    audited(api, ctx, admin, action, code.toUpperCase(), EngineCall.request(ctx, OrderAddresses.PROMO_UPDATE,
        new JsonObject().put("code", code).put("fields", body)))
      .compose(promo -> Responses.ok(ctx, promo))
      .onFailure(ctx::fail);
  }

  /** The optional fields both creation and update take. */
  private static void common(JsonCheck check) {
    check.optionalInteger("maxDiscount", 1, 10_000_000);
    check.optionalInteger("minSubtotal", 0, 10_000_000);
    check.optionalInteger("perCustomerLimit", 1, 1000);
    check.optionalString("startsAt", 10, 40);
    check.optionalString("endsAt", 10, 40);
    check.optionalBool("active");
    check.optionalString("description", 0, 500);
  }

  private static Future<JsonObject> audited(ApiFoundation api, RoutingContext ctx, Principal admin, String action,
                                            String code, Future<JsonObject> call) {
    return call.andThen(r -> api.audit().record(AuditLog.Entry.of(admin.id(), admin.role().name(), action, "promo:" + code,
      r.succeeded() ? "SUCCESS" : "FAILURE").from(api.clientIp().of(ctx))));
  }

  private static void ok(RoutingContext ctx, Future<JsonObject> answer) {
    answer.compose(a -> Responses.ok(ctx, a)).onFailure(ctx::fail);
  }
}
