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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
@DisplayName("Tips on the real wallet engine: at placement and after delivery, 100 % to the rider, every balance to the franc")
class TipTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 50_000), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Tipo", 4.0601, 9.7679));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
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

  @Test
  @DisplayName("a WALLET order with a 1 000 XAF tip delivered, then a 500 XAF tip: customer, vendor, rider, platform, escrow exact; reconciliation zero")
  void tippedOrderDelivered() {
    String ut = user.getString("token");
    String userId = user.getString("userId");
    JsonObject body = Platform.placeBody(vendor.getString("vendorId"),
      Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2), "WALLET").put("tip", 1000);
    HttpResponse<Buffer> placed = call(HttpMethod.POST, p.userPort, "/api/v1/orders", ut, body);
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    String id = order.getString("orderId");
    long fee = order.getLong("deliveryFee");
    assertThat(order.getLong("tip")).isEqualTo(1000);
    assertThat(order.getLong("total")).isEqualTo(10_000 + fee + 1000);
    assertThat(p.balance(userId, Role.USER).await()).isEqualTo(50_000 - order.getLong("total"));

    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", ut, new JsonObject().put("amount", 500)),
      409, "ORDER_STATE_CONFLICT");
    HttpResponse<Buffer> delivered = p.runToDelivery(id, vendor, rider, order.getString("deliveryCode")).await();
    assertThat(delivered.bodyAsJsonObject().getString("status")).as(delivered.bodyAsString()).isEqualTo("DELIVERED");
    assertThat(p.balance(rider.getString("riderId"), Role.RIDER).await()).as("fee + tip").isEqualTo(fee + 1000);
    assertThat(p.balance(vendor.getString("vendorId"), Role.VENDOR).await()).as("subtotal − 15 %").isEqualTo(8_500);
    assertThat(p.wallets.revenue().await()).as("commission only; the tip is not commissioned").isEqualTo(1_500);
    assertThat(p.wallets.escrow().await()).isZero();

    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", ut, new JsonObject().put("amount", 500)),
      409, "CONFLICT");
    OrderFlowTest.assertReconciled(p.wallets.reconcile().await());
  }

  @Test
  @DisplayName("an untipped order tipped 700 XAF after delivery: wallet → rider exactly once; bad amounts 400; a stranger 404")
  void tipAfterDelivery() {
    String ut = user.getString("token");
    String userId = user.getString("userId");
    JsonObject order = call(HttpMethod.POST, p.userPort, "/api/v1/orders", ut, Platform.placeBody(vendor.getString("vendorId"),
      Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), "WALLET")).bodyAsJsonObject();
    String id = order.getString("orderId");
    long fee = order.getLong("deliveryFee");
    assertThat(order.getLong("tip")).isZero();
    p.runToDelivery(id, vendor, rider, order.getString("deliveryCode")).await();
    long before = p.balance(userId, Role.USER).await();

    for (JsonObject bad : new JsonObject[] {new JsonObject().put("amount", 0), new JsonObject().put("amount", 100_001),
      new JsonObject().put("amount", "500"), new JsonObject(), new JsonObject().put("amount", 500).put("riderId", "x")}) {
      assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", ut, bad), 400, "VALIDATION_FAILED");
    }
    JsonObject stranger = p.customer(true, 5_000).await();
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", stranger.getString("token"),
      new JsonObject().put("amount", 500)), 404, "NOT_FOUND");

    HttpResponse<Buffer> tipped = call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", ut, new JsonObject().put("amount", 700));
    assertThat(tipped.statusCode()).as(tipped.bodyAsString()).isEqualTo(200);
    assertThat(tipped.bodyAsJsonObject().getLong("tip")).isEqualTo(700);
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/tip", ut, new JsonObject().put("amount", 700)),
      409, "CONFLICT");
    assertThat(p.balance(userId, Role.USER).await()).isEqualTo(before - 700);
    assertThat(p.balance(rider.getString("riderId"), Role.RIDER).await()).isEqualTo(fee + 700);
    assertThat(p.balance(vendor.getString("vendorId"), Role.VENDOR).await()).isEqualTo(4_250);
    OrderFlowTest.assertReconciled(p.wallets.reconcile().await());
  }
}
