package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
@DisplayName("Promo codes over the HTTP APIs on the real wallet engine: discounts settled to the franc, uses counted atomically")
class PromoTest {

  Platform p;
  String admin;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.admin(), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Promo", 4.0601, 9.7679));
      })
      .onComplete(ctx.succeeding(all -> {
        admin = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
        ctx.completeNow();
      }));
  }

  private HttpResponse<Buffer> call(HttpMethod method, int port, String path, String token, JsonObject body) {
    return p.call(method, port, path, token, body).await();
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  private JsonObject promo(JsonObject body) {
    HttpResponse<Buffer> r = call(HttpMethod.POST, p.adminPort, "/api/v1/promos", admin, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private JsonObject order(JsonObject customer, String method, int quantity, String code) {
    JsonObject body = Platform.placeBody(vendor.getString("vendorId"),
      Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), quantity), method).put("promoCode", code);
    HttpResponse<Buffer> r = call(HttpMethod.POST, p.userPort, "/api/v1/orders", customer.getString("token"), body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private long used(String code) {
    return call(HttpMethod.GET, p.adminPort, "/api/v1/promos/" + code, admin, null).bodyAsJsonObject().getLong("used");
  }

  @Test
  @DisplayName("a platform-funded 20 % promo on a WALLET order delivered: vendor paid on the full subtotal, the discount a promotions expense; every balance to the franc, reconciliation zero")
  void platformFunded() {
    promo(new JsonObject().put("code", "bienvenue20").put("kind", "PERCENT").put("value", 20).put("totalLimit", 100)
      .put("fundedBy", "PLATFORM").put("minSubtotal", 5000));
    JsonObject user = p.customer(true, 50_000).await();
    HttpResponse<Buffer> preview = call(HttpMethod.POST, p.userPort, "/api/v1/promos/preview", user.getString("token"),
      new JsonObject().put("promoCode", "BIENVENUE20").put("vendorId", vendor.getString("vendorId"))
        .put("items", Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2)));
    assertThat(preview.statusCode()).as(preview.bodyAsString()).isEqualTo(200);
    assertThat(preview.bodyAsJsonObject().getLong("discount")).isEqualTo(2_000);
    assertThat(used("BIENVENUE20")).as("a preview takes no use").isZero();

    JsonObject order = order(user, "WALLET", 2, "Bienvenue20");
    long fee = order.getLong("deliveryFee");
    assertThat(order.getLong("discount")).isEqualTo(2_000);
    assertThat(order.getJsonObject("promo").getString("fundedBy")).isEqualTo("PLATFORM");
    assertThat(order.getLong("total")).isEqualTo(10_000 + fee - 2_000);
    assertThat(p.balance(user.getString("userId"), Role.USER).await()).isEqualTo(50_000 - order.getLong("total"));
    assertThat(used("BIENVENUE20")).isEqualTo(1);
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), Platform.placeBody(
      vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2), "WALLET")
      .put("promoCode", "BIENVENUE20")), 422, "PROMO_NOT_APPLICABLE");

    HttpResponse<Buffer> delivered = p.runToDelivery(order.getString("orderId"), vendor, rider, order.getString("deliveryCode")).await();
    assertThat(delivered.bodyAsJsonObject().getString("status")).as(delivered.bodyAsString()).isEqualTo("DELIVERED");
    assertThat(p.balance(vendor.getString("vendorId"), Role.VENDOR).await()).as("85 % of the full 10,000").isEqualTo(8_500);
    assertThat(p.balance(rider.getString("riderId"), Role.RIDER).await()).isEqualTo(fee);
    assertThat(p.wallets.revenue().await()).as("15 % of the full 10,000").isEqualTo(1_500);
    assertThat(p.wallets.promotions().await()).as("the platform's promotions expense").isEqualTo(-2_000);
    assertThat(p.wallets.escrow().await()).isZero();
    OrderFlowTest.assertReconciled(p.wallets.reconcile().await());
  }

  @Test
  @DisplayName("a vendor-funded 1,000 XAF promo on a CASH order delivered: the 85/15 split on the discounted subtotal, no promotions entry; reconciliation zero")
  void vendorFunded() {
    promo(new JsonObject().put("code", "GREAT1000").put("kind", "FIXED").put("value", 1000).put("totalLimit", 10)
      .put("fundedBy", "VENDOR").put("vendorId", vendor.getString("vendorId")));
    JsonObject user = p.customer(true, 0).await();
    JsonObject order = order(user, "CASH", 2, "GREAT1000");
    long fee = order.getLong("deliveryFee");
    assertThat(order.getLong("total")).isEqualTo(10_000 + fee - 1_000);
    HttpResponse<Buffer> delivered = p.runToDelivery(order.getString("orderId"), vendor, rider, order.getString("deliveryCode")).await();
    assertThat(delivered.bodyAsJsonObject().getString("status")).as(delivered.bodyAsString()).isEqualTo("DELIVERED");
    assertThat(p.balance(vendor.getString("vendorId"), Role.VENDOR).await()).as("85 % of 9,000").isEqualTo(7_650);
    assertThat(p.balance(rider.getString("riderId"), Role.RIDER).await()).as("fee − the cash it holds").isEqualTo(fee - order.getLong("total"));
    assertThat(p.wallets.revenue().await()).as("15 % of 9,000").isEqualTo(1_350);
    assertThat(p.wallets.promotions().await()).isZero();
    OrderFlowTest.assertReconciled(p.wallets.reconcile().await());
  }

  @Test
  @DisplayName("50 customers race for a promo with 7 uses: exactly 7 orders succeed, the rest 422 PROMO_NOT_APPLICABLE; a cancellation before pickup gives its use back once")
  void lastUseRace() {
    promo(new JsonObject().put("code", "RUSH7").put("kind", "FIXED").put("value", 500).put("totalLimit", 7).put("fundedBy", "PLATFORM"));
    List<Future<JsonObject>> made = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      made.add(p.customer(true, 0));
    }
    List<JsonObject> customers = Future.all(made).await().list();
    List<Future<HttpResponse<Buffer>>> placed = new ArrayList<>();
    for (JsonObject c : customers) {
      placed.add(p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", c.getString("token"), Platform.placeBody(
        vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), "CASH")
        .put("promoCode", "RUSH7")));
    }
    List<HttpResponse<Buffer>> answers = Future.all(placed).await().list();
    List<JsonObject> won = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<Buffer> r = answers.get(i);
      if (r.statusCode() == 201) {
        won.add(r.bodyAsJsonObject().put("token", customers.get(i).getString("token")));
      } else {
        assertError(r, 422, "PROMO_NOT_APPLICABLE");
      }
    }
    assertThat(won).hasSize(7);
    assertThat(used("RUSH7")).isEqualTo(7);

    JsonObject first = won.get(0);
    String path = "/api/v1/orders/" + first.getString("orderId") + "/cancel";
    assertThat(call(HttpMethod.POST, p.userPort, path, first.getString("token"), new JsonObject().put("reason", "Changed my mind"))
      .statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.POST, p.userPort, path, first.getString("token"), new JsonObject()).statusCode()).isEqualTo(409);
    assertThat(used("RUSH7")).as("given back once").isEqualTo(6);
    JsonObject late = p.customer(true, 0).await();
    order(late, "CASH", 1, "RUSH7");
    assertThat(used("RUSH7")).isEqualTo(7);
  }

  @Test
  @DisplayName("admin promo routes: bad input 400 with the error shape, a taken code 409, unknown 404, a page, deactivation; a deactivated or too-small order 422")
  void adminRoutes() {
    for (JsonObject bad : new JsonObject[] {new JsonObject(),
      new JsonObject().put("code", "X").put("kind", "FIXED").put("value", 1).put("totalLimit", 1).put("fundedBy", "PLATFORM"),
      new JsonObject().put("code", "PCT").put("kind", "PERCENT").put("value", 101).put("totalLimit", 1).put("fundedBy", "PLATFORM"),
      new JsonObject().put("code", "VND").put("kind", "FIXED").put("value", 100).put("totalLimit", 1).put("fundedBy", "VENDOR"),
      new JsonObject().put("code", "WIN").put("kind", "FIXED").put("value", 100).put("totalLimit", 1).put("fundedBy", "PLATFORM")
        .put("startsAt", "2027-01-02T00:00:00Z").put("endsAt", "2027-01-01T00:00:00Z"),
      new JsonObject().put("code", "EXTRA").put("kind", "FIXED").put("value", 100).put("totalLimit", 1).put("fundedBy", "PLATFORM")
        .put("used", 0)}) {
      assertError(call(HttpMethod.POST, p.adminPort, "/api/v1/promos", admin, bad), 400, "VALIDATION_FAILED");
    }
    JsonObject body = new JsonObject().put("code", "BIG").put("kind", "FIXED").put("value", 700).put("totalLimit", 3)
      .put("fundedBy", "PLATFORM").put("minSubtotal", 20_000);
    promo(body);
    assertError(call(HttpMethod.POST, p.adminPort, "/api/v1/promos", admin, body), 409, "ALREADY_EXISTS");
    assertError(call(HttpMethod.GET, p.adminPort, "/api/v1/promos/NOPE", admin, null), 404, "NOT_FOUND");
    assertError(call(HttpMethod.GET, p.adminPort, "/api/v1/promos?limit=0", admin, null), 400, "VALIDATION_FAILED");
    assertError(call(HttpMethod.PATCH, p.adminPort, "/api/v1/promos/BIG", admin, new JsonObject()), 400, "VALIDATION_FAILED");
    assertError(call(HttpMethod.PATCH, p.adminPort, "/api/v1/promos/BIG", admin, new JsonObject().put("value", 5)), 400, "VALIDATION_FAILED");
    HttpResponse<Buffer> page = call(HttpMethod.GET, p.adminPort, "/api/v1/promos?limit=10", admin, null);
    assertThat(page.bodyAsJsonObject().getJsonArray("items").size()).as(page.bodyAsString()).isEqualTo(1);

    JsonObject user = p.customer(true, 0).await();
    JsonObject placeBody = Platform.placeBody(vendor.getString("vendorId"),
      Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2), "CASH").put("promoCode", "BIG");
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), placeBody), 422, "PROMO_NOT_APPLICABLE");
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), placeBody.copy().put("promoCode", "no")),
      400, "VALIDATION_FAILED");
    HttpResponse<Buffer> off = call(HttpMethod.PATCH, p.adminPort, "/api/v1/promos/big", admin,
      new JsonObject().put("active", false).put("minSubtotal", 0));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    assertThat(off.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), placeBody), 422, "PROMO_NOT_APPLICABLE");
    assertThat(p.orderCount().await()).isZero();
  }
}
