package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.identity.AccountKind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security hardening over the real APIs (issue 14): payouts only to the owner's verified phone unless an admin allows
 * another number; audit entries for admin order cancellations and for catalog and profile edits.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
@DisplayName("Security flows: payouts to the verified phone, audit of cancellations and catalog/profile edits")
class SecurityFlowsTest {

  static Platform p;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject()).onComplete(ctx.succeeding(platform -> {
      p = platform;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a payout to the vendor's verified phone is approved as is; to another number it needs the admin's allowOtherPhone (403 PHONE_NOT_VERIFIED without)")
  void payoutPhones() {
    String phone = "+2376" + (10_000_000 + (long) (Math.random() * 89_999_999));
    String vendorId = p.accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Chez Payout")
      .put("approvalStatus", "APPROVED").put("phone", phone).put("isPhoneVerified", true)).await().getString("vendorId");
    String vendor = p.token(vendorId, Role.VENDOR);
    String admin = p.token(adminId(), Role.ADMIN);
    p.vertx.eventBus().request(WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_" + UUID.randomUUID())
      .put("paymentMethod", "CASH").put("subtotal", 40_000).put("deliveryFee", 1_000).put("vendorId", vendorId)
      .put("riderId", "rider_payout")).await();

    HttpResponse<Buffer> own = call(HttpMethod.POST, p.vendorPort, "/api/v1/payouts", vendor,
      new JsonObject().put("amount", 5_000).put("phone", phone));
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(201);
    assertThat(own.bodyAsJsonObject().getBoolean("toVerifiedPhone")).isTrue();
    HttpResponse<Buffer> approved = call(HttpMethod.POST, p.adminPort, "/api/v1/payouts/" + id(own) + "/approve", admin, new JsonObject());
    assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> other = call(HttpMethod.POST, p.vendorPort, "/api/v1/payouts", vendor,
      new JsonObject().put("amount", 5_000).put("phone", "+237699887766"));
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(201);
    assertThat(other.bodyAsJsonObject().getBoolean("toVerifiedPhone")).isFalse();
    HttpResponse<Buffer> refused = call(HttpMethod.POST, p.adminPort, "/api/v1/payouts/" + id(other) + "/approve", admin, new JsonObject());
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("PHONE_NOT_VERIFIED");
    assertThat(call(HttpMethod.POST, p.adminPort, "/api/v1/payouts/" + id(other) + "/approve", admin,
      new JsonObject().put("allowOtherPhone", "yes")).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> allowed = call(HttpMethod.POST, p.adminPort, "/api/v1/payouts/" + id(other) + "/approve", admin,
      new JsonObject().put("allowOtherPhone", true));
    assertThat(allowed.statusCode()).as(allowed.bodyAsString()).isEqualTo(200);
    assertThat(allowed.bodyAsJsonObject().getString("status")).isNotEqualTo("REQUESTED");
  }

  @Test
  @DisplayName("an admin's order cancellation, a vendor's menu and profile edits and a customer's profile edit are in the audit trail")
  void auditTrail() {
    String adminId = adminId();
    String admin = p.token(adminId, Role.ADMIN);
    JsonObject customer = p.customer(true, 30_000).await();
    JsonObject vendor = p.vendor(Map.of("Ndolé", 5_000L)).await();
    String itemId = vendor.getJsonObject("items").getString("Ndolé");
    HttpResponse<Buffer> placed = call(HttpMethod.POST, p.userPort, "/api/v1/orders", customer.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), Platform.lines(itemId, 1), "WALLET"));
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    String orderId = placed.bodyAsJsonObject().getString("orderId");

    assertThat(call(HttpMethod.POST, p.adminPort, "/api/v1/orders/" + orderId + "/cancel", admin,
      new JsonObject().put("reason", "customer called support")).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + itemId, vendor.getString("token"),
      new JsonObject().put("price", 5_500)).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/profile", vendor.getString("token"),
      new JsonObject().put("description", "Cuisine du pays")).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.PATCH, p.userPort, "/api/v1/me", customer.getString("token"),
      new JsonObject().put("firstName", "Jo")).statusCode()).isEqualTo(200);

    assertThat(audit(admin, adminId)).anySatisfy(e -> {
      assertThat(e.getString("action")).isEqualTo("order.cancel");
      assertThat(e.getString("target")).isEqualTo(orderId);
      assertThat(e.getString("outcome")).isEqualTo("SUCCESS");
      assertThat(e.getString("details")).contains("customer called support");
    });
    List<JsonObject> vendorTrail = audit(admin, vendor.getString("vendorId"));
    assertThat(vendorTrail).anySatisfy(e -> {
      assertThat(e.getString("action")).isEqualTo("catalog.menu-update");
      assertThat(e.getString("target")).isEqualTo(itemId);
      assertThat(e.getString("details")).isEqualTo("fields: price");
    });
    assertThat(vendorTrail).anySatisfy(e -> assertThat(e.getString("action")).isEqualTo("catalog.profile-update"));
    assertThat(vendorTrail).anySatisfy(e -> assertThat(e.getString("action")).isEqualTo("catalog.menu-create"));
    assertThat(audit(admin, customer.getString("userId"))).anySatisfy(e -> {
      assertThat(e.getString("action")).isEqualTo("account.profile-update");
      assertThat(e.getString("details")).isEqualTo("fields: firstName");
      assertThat(e.encode()).doesNotContain("\"Jo\"");
    });
  }

  private static String adminId() {
    return p.accounts.create(AccountKind.ADMIN, new JsonObject().put("firstName", "Ada").put("lastName", "Audit")
      .put("email", "audit+" + System.nanoTime() + "@reeyo.cm")).await().getString("adminId");
  }

  private static List<JsonObject> audit(String admin, String actorId) {
    HttpResponse<Buffer> page = call(HttpMethod.GET, p.adminPort, "/api/v1/audit?actorId=" + actorId, admin, null);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).toList();
  }

  private static HttpResponse<Buffer> call(HttpMethod method, int port, String path, String token, JsonObject body) {
    return p.call(method, port, path, token, body).await();
  }

  private static String id(HttpResponse<Buffer> payout) {
    return payout.bodyAsJsonObject().getString("payoutId");
  }
}
