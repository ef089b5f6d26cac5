package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apitest.ApiUnderTest;
import cm.reeyo.apitest.HttpCalls;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.IdentityRoutes;
import cm.reeyo.identity.Sessions;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.apitest.HttpCalls.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Vendor API identity: registration PENDING until approved, OTP, login, /me, role guard, documentation")
class VendorIdentityTest {

  static final String PASSWORD = "Str0ng#Pass";
  static ApiUnderTest api;
  static HttpCalls http;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    ApiUnderTest.deployWithOtpInbox(vertx, ApiUnderTest.configWithoutAuthLimits(), VendorApiVerticle::new)
      .onComplete(ctx.succeeding(deployed -> {
        api = deployed;
        http = new HttpCalls(api.client);
        ctx.completeNow();
      }));
  }

  static String phone() {
    return "+23765" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  static JsonObject registration(String phone) {
    return new JsonObject().put("businessName", "Chez Mama").put("ownerName", "Mama Ekane")
      .put("phone", phone).put("email", "vendor." + phone.substring(4) + "@example.com").put("password", PASSWORD);
  }

  @Test
  @DisplayName("a new vendor is PENDING and offline, verifies the phone, logs in with a \"vendor\" object, reads and edits /me")
  void lifecycle() throws InterruptedException {
    String phone = phone();
    HttpResponse<Buffer> registered = http.post("/api/v1/auth/register", registration(phone), null);
    assertStatus(registered, 201, null);
    JsonObject account = registered.bodyAsJsonObject();
    assertThat(account.getString("approvalStatus")).isEqualTo("PENDING");
    assertThat(account.getBoolean("isOnline")).isFalse();
    assertThat(account.getString("vendorId")).startsWith("vendor_");
    assertThat(account.getString("businessName")).isEqualTo("Chez Mama");
    assertStatus(http.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", api.otp(phone)), null), 200, null);

    JsonObject login = http.post("/api/v1/auth/login", new JsonObject().put("email", registration(phone).getString("email"))
      .put("password", PASSWORD), null).bodyAsJsonObject();
    assertThat(login.getJsonObject("vendor").getString("vendorId")).isEqualTo(account.getString("vendorId"));
    assertThat(login.getJsonObject("vendor").getBoolean("isPhoneVerified")).isTrue();
    String token = login.getString("token");
    assertThat(http.get("/api/v1/me", token).bodyAsJsonObject().getString("approvalStatus")).isEqualTo("PENDING");
    assertStatus(http.patch("/api/v1/me", new JsonObject().put("language", "en"), token), 200, null);
    for (String field : new String[] {"approvalStatus", "status", "rating", "isOnline", "vendorId", "balance"}) {
      assertStatus(http.patch("/api/v1/me", new JsonObject().put(field, "APPROVED"), token), 400, "VALIDATION_FAILED");
    }
    assertThat(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", login.getString("refreshToken")), null)
      .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("registration refuses approvalStatus, status, rating and id fields (mass assignment) and bad values")
  void massAssignment() {
    String phone = phone();
    HttpResponse<Buffer> r = http.post("/api/v1/auth/register", registration(phone).put("approvalStatus", "APPROVED")
      .put("status", "ACTIVE").put("rating", 5).put("vendorId", "vendor_mine"), null);
    assertStatus(r, 400, "VALIDATION_FAILED");
    assertStatus(http.post("/api/v1/auth/register", registration(phone).put("businessName", "x"), null), 400, "VALIDATION_FAILED");
    assertStatus(http.post("/api/v1/auth/register", registration(phone).put("businessName", 42), null), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("tokens of other roles get 403 here; a customer's refresh token is refused by this API's refresh")
  void otherRoles(Vertx vertx) {
    Dynamo dynamo = Dynamo.acquire(vertx, api.config);
    Accounts accounts = new Accounts(dynamo);
    for (AccountKind kind : new AccountKind[] {AccountKind.USER, AccountKind.RIDER, AccountKind.ADMIN}) {
      String id = accounts.create(kind, new JsonObject()).await().getString(kind.idField());
      String token = api.token(id, kind.role());
      assertStatus(http.get("/api/v1/me", token), 403, "FORBIDDEN");
      assertStatus(http.post("/api/v1/auth/logout", new JsonObject(), token), 403, "FORBIDDEN");
    }
    Sessions sessions = new Sessions(dynamo, RedisStore.acquire(vertx, api.config).api(), 3600, 900);
    String customerRefresh = sessions.start(Role.USER, "user_elsewhere").await().refreshToken();
    assertStatus(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", customerRefresh), null), 401, "UNAUTHORIZED");
    RedisStore.release(vertx);
    Dynamo.release(vertx);
  }

  @Test
  @DisplayName("every identity route mounted on this API is in its OpenAPI document")
  void documented(Vertx vertx) {
    ApiFoundation foundation = ApiFoundation.create(vertx, api.config, "openapi/vendor-api.json");
    IdentityRoutes.mount(foundation, AccountKind.VENDOR);
    JsonObject doc = foundation.openApi().load(vertx).await();
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").fieldNames()).contains("RegisterVendor", "Vendor");
    foundation.close();
  }
}
