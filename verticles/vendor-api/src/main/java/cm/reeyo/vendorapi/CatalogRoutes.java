package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.AuditedCall;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.files.Files;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A vendor's own catalog: business profile, online status, menu items (with option groups) and their stock. Profile,
 * menu and stock changes are audited ({@code catalog.profile-update}, {@code catalog.menu-create|update|stock|delete}).
 */
public final class CatalogRoutes {

  private static final String VALID = "validBody";

  private final ApiFoundation api;
  private final AuthHandler auth;
  private final CatalogImages images;

  public CatalogRoutes(ApiFoundation api, AuthHandler auth, Files files) {
    this.api = api;
    this.auth = auth;
    this.images = new CatalogImages(files);
  }

  public void mount() {
    Router r = api.router();
    RoleGuard vendors = RoleGuard.only(Role.VENDOR);
    r.get("/api/v1/profile").handler(auth).handler(vendors).handler(this::profile);
    r.patch("/api/v1/profile").handler(auth).handler(vendors).handler(new JsonBody()).handler(this::validateProfile)
      .handler(ctx -> images.resolve(ctx, ctx.get(VALID), CatalogImages.PROFILE)
        .onSuccess(fields -> audited(ctx, "catalog.profile-update", AuthHandler.principal(ctx).id(), fields,
          OrderAddresses.CATALOG_PROFILE_UPDATE, new JsonObject().put("fields", fields), 200))
        .onFailure(ctx::fail));
    r.put("/api/v1/status").handler(auth).handler(vendors).handler(new JsonBody()).handler(this::status);
    r.get("/api/v1/menu").handler(auth).handler(vendors)
      .handler(ctx -> call(ctx, OrderAddresses.CATALOG_MENU_WRITE, new JsonObject().put("op", "list"), 200));
    r.post("/api/v1/menu").handler(auth).handler(vendors).handler(new JsonBody()).handler(ctx -> validateItem(ctx, true))
      .handler(ctx -> images.resolve(ctx, ctx.get(VALID), CatalogImages.ITEM)
        .onSuccess(fields -> audited(ctx, "catalog.menu-create", AuthHandler.principal(ctx).id(), fields,
          OrderAddresses.CATALOG_MENU_WRITE, new JsonObject().put("op", "create").put("fields", fields), 201))
        .onFailure(ctx::fail));
    r.patch("/api/v1/menu/:itemId").handler(auth).handler(vendors).handler(new JsonBody()).handler(ctx -> validateItem(ctx, false))
      .handler(ctx -> images.resolve(ctx, ctx.get(VALID), CatalogImages.ITEM)
        .onSuccess(fields -> audited(ctx, "catalog.menu-update", EngineCall.id(ctx, "itemId"), fields,
          OrderAddresses.CATALOG_MENU_WRITE, new JsonObject().put("op", "update")
          .put("itemId", EngineCall.id(ctx, "itemId")).put("fields", fields), 200))
        .onFailure(ctx::fail));
    r.put("/api/v1/menu/:itemId/stock").handler(auth).handler(vendors).handler(new JsonBody()).handler(this::validateStock)
      .handler(ctx -> audited(ctx, "catalog.menu-stock", EngineCall.id(ctx, "itemId"), ctx.get(VALID),
        OrderAddresses.CATALOG_MENU_WRITE, new JsonObject().put("op", "stock")
        .put("itemId", EngineCall.id(ctx, "itemId")).put("fields", ctx.<JsonObject>get(VALID)), 200));
    r.delete("/api/v1/menu/:itemId").handler(auth).handler(vendors)
      .handler(ctx -> audited(ctx, "catalog.menu-delete", EngineCall.id(ctx, "itemId"), null,
        OrderAddresses.CATALOG_MENU_WRITE, new JsonObject().put("op", "delete").put("itemId", EngineCall.id(ctx, "itemId")), 200));
    api.openApi().fragment("openapi/vendor-api/catalog.json");
  }

  private void profile(RoutingContext ctx) {
    call(ctx, OrderAddresses.CATALOG_PROFILE, new JsonObject(), 200);
  }

  private void validateProfile(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonCheck check = JsonCheck.of(body).allowOnly("businessName", "ownerName", "description", "cuisine", "address",
      "location", "businessHours", "logoFileId", "coverFileId");
    check.optionalString("businessName", 1, 100);
    check.optionalString("ownerName", 1, 100);
    check.optionalString("description", 0, 1000);
    check.optionalString("cuisine", 0, 100);
    check.optionalString("logoFileId", 1, 100);
    check.optionalString("coverFileId", 1, 100);
    JsonObject address = check.optionalObject("address");
    if (address != null) {
      JsonCheck a = check.nested("address", address).allowOnly("line1", "line2", "city", "region", "country", "landmark");
      for (String f : new String[]{"line1", "line2", "city", "region", "country", "landmark"}) {
        a.optionalString(f, 0, 200);
      }
    }
    JsonObject location = check.optionalObject("location");
    if (location != null) {
      JsonCheck l = check.nested("location", location).allowOnly("lat", "lng");
      l.number("lat", -90, 90);
      l.number("lng", -180, 180);
    }
    check.optionalObject("businessHours");
    check.done();
    ctx.put(VALID, body);
    ctx.next();
  }

  private void status(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("isOnline");
    Boolean online = check.bool("isOnline");
    check.done();
    call(ctx, OrderAddresses.CATALOG_VENDOR_STATUS, new JsonObject().put("isOnline", online), 200);
  }

  private void validateItem(RoutingContext ctx, boolean creating) {
    JsonObject body = JsonBody.of(ctx);
    JsonCheck check = JsonCheck.of(body).allowOnly("name", "price", "available", "description", "category", "imageFileId",
      "optionGroups");
    if (creating) {
      check.string("name", 1, 100);
      check.integer("price", 1, 10_000_000);
    } else {
      check.optionalString("name", 1, 100);
      check.optionalInteger("price", 1, 10_000_000);
      if (body.isEmpty()) {
        check.problem("body", "must change at least one field");
      }
    }
    check.optionalBool("available");
    check.optionalString("description", 0, 1000);
    check.optionalString("category", 0, 100);
    check.optionalString("imageFileId", 1, 100);
    if (body.getValue("optionGroups") != null) {
      check.array("optionGroups", 0, 10);
    }
    check.done();
    ctx.put(VALID, body);
    ctx.next();
  }

  /** {@code {mode: AVAILABLE|SOLD_OUT_TODAY|COUNT, count?}}: count only (and required) with COUNT. */
  private void validateStock(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonCheck check = JsonCheck.of(body).allowOnly("mode", "count");
    String mode = check.string("mode", 1, 20);
    if (mode != null && !mode.matches("AVAILABLE|SOLD_OUT_TODAY|COUNT")) {
      check.problem("mode", "must be AVAILABLE, SOLD_OUT_TODAY or COUNT");
    }
    if ("COUNT".equals(mode)) {
      check.integer("count", 0, 100_000);
    } else if (body.getValue("count") != null) {
      check.problem("count", "is only for mode COUNT");
    }
    check.done();
    ctx.put(VALID, body);
    ctx.next();
  }

  /** A catalog change, audited with the vendor, the target (vendor or item id) and the names of the fields changed. */
  private void audited(RoutingContext ctx, String action, String target, JsonObject fields, String address, JsonObject body,
                       int status) {
    AuditedCall.run(api, ctx, action, target, AuditedCall.fields(fields), EngineCall.request(ctx, address, body))
      .compose(answer -> Responses.json(ctx, status, answer))
      .onFailure(ctx::fail);
  }

  private void call(RoutingContext ctx, String address, JsonObject body, int status) {
    EngineCall.request(ctx, address, body)
      .compose(answer -> Responses.json(ctx, status, answer))
      .onFailure(ctx::fail);
  }
}
