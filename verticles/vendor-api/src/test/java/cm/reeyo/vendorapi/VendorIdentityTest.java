package cm.reeyo.vendorapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.IdentityRoutes;
import cm.reeyo.identity.Sessions;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Vendor API identity: registration PENDING until approved, OTP, login, /me, role guard, documentation")
class VendorIdentityTest {

  static final String PASSWORD = "Str0ng#Pass";
  static JsonObject config;
  static WebClient client;
  static final Map<String, String> codes = new ConcurrentHashMap<>();

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    config = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
    for (String limit : new String[] {"login", "register", "otp", "otpIp", "otpVerify"}) {
      config.getJsonObject("rateLimits").put(limit, new JsonObject().put("limit", 10_000));
    }
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getJsonObject("http").getInteger("port")));
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.SMS, msg -> {
      codes.put(msg.body().getString("to"), msg.body().getJsonObject("params").getString("code"));
      msg.reply(new JsonObject());
    }).completion()
      .compose(v -> vertx.deployVerticle(VendorApiVerticle::new, new DeploymentOptions().setConfig(config)))
      .onComplete(ctx.succeedingThenComplete());
  }

  static HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return auth(client.post(path), token).sendJsonObject(body).await();
  }

  static HttpResponse<Buffer> get(String path, String token) {
    return auth(client.get(path), token).send().await();
  }

  static HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return auth(client.patch(path), token).sendJsonObject(body).await();
  }

  static HttpRequest<Buffer> auth(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.putHeader("Authorization", "Bearer " + token);
  }

  static void assertStatus(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (code != null) {
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
    }
  }

  static String phone() {
    return "+23765" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  static String code(String phone) throws InterruptedException {
    for (int i = 0; i < 100 && !codes.containsKey(phone); i++) {
      Thread.sleep(20);
    }
    return codes.remove(phone);
  }

  static JsonObject registration(String phone) {
    return new JsonObject().put("businessName", "Chez Mama").put("ownerName", "Mama Ekane")
      .put("phone", phone).put("email", "vendor." + phone.substring(4) + "@example.com").put("password", PASSWORD);
  }

  @Test
  @DisplayName("a new vendor is PENDING and offline, verifies the phone, logs in with a \"vendor\" object, reads and edits /me")
  void lifecycle() throws InterruptedException {
    String phone = phone();
    HttpResponse<Buffer> registered = post("/api/v1/auth/register", registration(phone), null);
    assertStatus(registered, 201, null);
    JsonObject account = registered.bodyAsJsonObject();
    assertThat(account.getString("approvalStatus")).isEqualTo("PENDING");
    assertThat(account.getBoolean("isOnline")).isFalse();
    assertThat(account.getString("vendorId")).startsWith("vendor_");
    assertThat(account.getString("businessName")).isEqualTo("Chez Mama");
    assertStatus(post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", code(phone)), null), 200, null);

    JsonObject login = post("/api/v1/auth/login", new JsonObject().put("email", registration(phone).getString("email"))
      .put("password", PASSWORD), null).bodyAsJsonObject();
    assertThat(login.getJsonObject("vendor").getString("vendorId")).isEqualTo(account.getString("vendorId"));
    assertThat(login.getJsonObject("vendor").getBoolean("isPhoneVerified")).isTrue();
    String token = login.getString("token");
    assertThat(get("/api/v1/me", token).bodyAsJsonObject().getString("approvalStatus")).isEqualTo("PENDING");
    assertStatus(patch("/api/v1/me", new JsonObject().put("language", "en"), token), 200, null);
    for (String field : new String[] {"approvalStatus", "status", "rating", "isOnline", "vendorId", "balance"}) {
      assertStatus(patch("/api/v1/me", new JsonObject().put(field, "APPROVED"), token), 400, "VALIDATION_FAILED");
    }
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", login.getString("refreshToken")), null)
      .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("registration refuses approvalStatus, status, rating and id fields (mass assignment) and bad values")
  void massAssignment() {
    String phone = phone();
    HttpResponse<Buffer> r = post("/api/v1/auth/register", registration(phone).put("approvalStatus", "APPROVED")
      .put("status", "ACTIVE").put("rating", 5).put("vendorId", "vendor_mine"), null);
    assertStatus(r, 400, "VALIDATION_FAILED");
    assertStatus(post("/api/v1/auth/register", registration(phone).put("businessName", "x"), null), 400, "VALIDATION_FAILED");
    assertStatus(post("/api/v1/auth/register", registration(phone).put("businessName", 42), null), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("tokens of other roles get 403 here; a customer's refresh token is refused by this API's refresh")
  void otherRoles(Vertx vertx) {
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    JwtCodec jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    Accounts accounts = new Accounts(dynamo);
    for (AccountKind kind : new AccountKind[] {AccountKind.USER, AccountKind.RIDER, AccountKind.ADMIN}) {
      String id = accounts.create(kind, new JsonObject()).await().getString(kind.idField());
      String token = jwt.sign(new JsonObject().put("sub", id).put("role", kind.role().name()).put("typ", "access"), 300);
      assertStatus(get("/api/v1/me", token), 403, "FORBIDDEN");
      assertStatus(post("/api/v1/auth/logout", new JsonObject(), token), 403, "FORBIDDEN");
    }
    Sessions sessions = new Sessions(dynamo, RedisStore.acquire(vertx, config).api(), 3600, 900);
    String customerRefresh = sessions.start(Role.USER, "user_elsewhere").await().refreshToken();
    assertStatus(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", customerRefresh), null), 401, "UNAUTHORIZED");
    RedisStore.release(vertx);
    Dynamo.release(vertx);
  }

  @Test
  @DisplayName("every identity route mounted on this API is in its OpenAPI document")
  void documented(Vertx vertx) {
    ApiFoundation foundation = ApiFoundation.create(vertx, config, "openapi/vendor-api.json");
    IdentityRoutes.mount(foundation, AccountKind.VENDOR);
    JsonObject doc = foundation.openApi().load(vertx).await();
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").fieldNames()).contains("RegisterVendor", "Vendor");
    foundation.close();
  }
}
