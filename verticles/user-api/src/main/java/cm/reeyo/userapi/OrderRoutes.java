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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A customer's orders: place (Idempotency-Key), cancel, rate; listing and reading them is the shared
 * {@link cm.reeyo.apikit.OrderQueryRoutes}. The order engine does the work; the fragment documents all five.
 */
public final class OrderRoutes {

  static final String PAYMENT_METHODS = "WALLET|MOBILE_MONEY|CASH";
  private static final String VALID = "validBody";

  private final ApiFoundation api;
  private final AuthHandler auth;

  public OrderRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    Router r = api.router();
    RoleGuard customers = RoleGuard.only(Role.USER);
    r.post("/api/v1/orders").handler(auth).handler(customers).handler(new JsonBody()).handler(this::validatePlace)
      .handler(this::place);
    r.post("/api/v1/orders/:orderId/cancel").handler(auth).handler(customers).handler(new JsonBody())
      .handler(this::validateCancel).handler(this::cancel);
    r.post("/api/v1/orders/:orderId/rating").handler(auth).handler(customers).handler(new JsonBody())
      .handler(this::validateRating).handler(this::rate);
    api.openApi().fragment("openapi/user-api/orders.json");
  }

  private void validatePlace(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("vendorId", "items", "deliveryAddress", "paymentMethod",
      "paymentPhone", "notes", "tip", "promoCode", "scheduledFor", "windowMinutes");
    String vendorId = check.string("vendorId", 1, 100);
    checkLines(check);
    checkPromoCode(check);
    JsonObject address = check.object("deliveryAddress");
    if (address != null) {
      JsonCheck a = check.nested("deliveryAddress", address)
        .allowOnly("lat", "lng", "line1", "line2", "city", "landmark", "instructions", "label");
      a.number("lat", -90, 90);
      a.number("lng", -180, 180);
      a.string("line1", 1, 200);
      for (String optional : new String[]{"line2", "city", "landmark", "instructions", "label"}) {
        a.optionalString(optional, 0, 200);
      }
    }
    String method = check.string("paymentMethod", 1, 20);
    if (method != null && !method.matches(PAYMENT_METHODS)) {
      check.problem("paymentMethod", "must be one of WALLET, MOBILE_MONEY, CASH");
    }
    String phone = check.optionalString("paymentPhone", 8, 20);
    if (phone != null && !phone.matches("\\+?[0-9]{8,15}")) {
      check.problem("paymentPhone", "must be a phone number");
    }
    check.optionalString("notes", 0, 500);
    check.optionalInteger("tip", 0, 100_000);
    String scheduledFor = check.optionalString("scheduledFor", 20, 40);
    if (scheduledFor != null && !scheduledFor.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z")) {
      check.problem("scheduledFor", "must be a UTC ISO-8601 instant, e.g. 2026-12-08T12:00:00Z");
    }
    check.optionalInteger("windowMinutes", 15, 120);
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && !key.matches("[\\x21-\\x7E]{1,100}")) {
      check.problem("Idempotency-Key", "must be 1 to 100 visible ASCII characters");
    }
    check.done();
    JsonObject body = JsonBody.of(ctx).copy().put("vendorId", vendorId);
    if (key != null) {
      body.put("idempotencyKey", key);
    }
    ctx.put(VALID, body);
    ctx.next();
  }

  /**
   * Order lines: {@code itemId}, {@code quantity} and optional {@code options} (optionIds). Nothing else: a price sent
   * by the client is refused, prices come from the menu ({@code price} is named in the problem).
   */
  static void checkLines(JsonCheck check) {
    JsonArray items = check.array("items", 1, 50);
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject line)) {
        check.problem("items[" + i + "]", "must be an object");
        continue;
      }
      JsonCheck lineCheck = check.nested("items[" + i + "]", line).allowOnly("itemId", "quantity", "options");
      lineCheck.string("itemId", 1, 100);
      lineCheck.integer("quantity", 1, 50);
      if (line.getValue("options") != null) {
        JsonArray options = lineCheck.array("options", 0, 30);
        if (options != null && !options.stream().allMatch(o -> o instanceof String s && !s.isEmpty() && s.length() <= 40)) {
          lineCheck.problem("options", "must be optionIds (text of 1 to 40 characters)");
        }
      }
    }
  }

  static void checkPromoCode(JsonCheck check) {
    String code = check.optionalString("promoCode", 3, 30);
    if (code != null && !code.matches("[A-Za-z0-9_-]{3,30}")) {
      check.problem("promoCode", "must be 3 to 30 letters, digits, _ or -");
    }
  }

  private void place(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.PLACE, ctx.get(VALID))
      .compose(order -> Responses.created(ctx, order))
      .onFailure(ctx::fail);
  }

  private void validateCancel(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    String reason = check.optionalString("reason", 0, 500);
    check.done();
    ctx.put(VALID, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("reason", reason));
    ctx.next();
  }

  private void cancel(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.CANCEL, ctx.get(VALID))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }

  private void validateRating(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("rating", "review");
    Long rating = check.integer("rating", 1, 5);
    String review = check.optionalString("review", 0, 1000);
    check.done();
    ctx.put(VALID, new JsonObject().put("orderId", EngineCall.id(ctx, "orderId")).put("rating", rating).put("review", review));
    ctx.next();
  }

  private void rate(RoutingContext ctx) {
    EngineCall.request(ctx, OrderAddresses.RATE, ctx.get(VALID))
      .compose(order -> Responses.ok(ctx, order))
      .onFailure(ctx::fail);
  }
}
