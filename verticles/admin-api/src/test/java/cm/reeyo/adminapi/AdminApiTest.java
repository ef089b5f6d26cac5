package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.AccountSessionCheck;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@DisplayName("Admin API: bootstrapped admins, approvals, suspensions, audit trail, admin-only routes")
class AdminApiTest {

  static final String ADMIN_EMAIL = "admin@reeyo.dev";
  static final String ADMIN_PASSWORD = "Reeyo#Admin2026";
  static JsonObject config;
  static WebClient client;
  static Accounts accounts;
  static JwtCodec jwt;
  static String adminToken;
  static String adminId;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    config = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free())
      .put("admins", new JsonArray().add(new JsonObject().put("email", ADMIN_EMAIL).put("name", "Ops")
        .put("phone", "+237699000000").put("password", ADMIN_PASSWORD)));
    config.getJsonObject("rateLimits").put("login", new JsonObject().put("limit", 10_000));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getJsonObject("http").getInteger("port")));
    accounts = new Accounts(Dynamo.acquire(vertx, config));
    jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    vertx.deployVerticle(AdminApiVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2))
      .compose(id -> client.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("email", ADMIN_EMAIL)
        .put("password", ADMIN_PASSWORD)))
      .onComplete(ctx.succeeding(r -> {
        adminToken = r.bodyAsJsonObject().getString("token");
        adminId = r.bodyAsJsonObject().getJsonObject("admin").getString("adminId");
        ctx.completeNow();
      }));
  }

  static HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body, String token) {
    var request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  static void assertStatus(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (code != null) {
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
    }
  }

  static String phone() {
    return "+23762" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  static String tokenOf(AccountKind kind, String id) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", kind.role().name()).put("typ", "access"), 300);
  }

  @Test
  @DisplayName("admins come from config only: login works (two instances bootstrapped once), no registration route exists")
  void bootstrap() {
    assertThat(adminToken).isNotBlank();
    assertThat(adminId).startsWith("admin_");
    JsonObject me = call(HttpMethod.GET, "/api/v1/me", null, adminToken).bodyAsJsonObject();
    assertThat(me.getString("email")).isEqualTo(ADMIN_EMAIL);
    assertThat(me.fieldNames()).doesNotContain("passwordHash");
    assertStatus(call(HttpMethod.POST, "/api/v1/auth/login", new JsonObject().put("email", ADMIN_EMAIL)
      .put("password", "Wr0ng#pass"), null), 401, "INVALID_CREDENTIALS");
    assertStatus(call(HttpMethod.POST, "/api/v1/auth/register", new JsonObject().put("email", "x@reeyo.dev"), null), 404, null);
  }

  @Test
  @DisplayName("vendors and riders: list by approval status, approve, reject with a reason; unknown ids 404; bad filters 400")
  void approvals() {
    String vendorId = accounts.register(AccountKind.VENDOR, new JsonObject().put("businessName", "Le Bon Coin")
      .put("phone", phone())).await().getString("vendorId");
    String riderId = accounts.register(AccountKind.RIDER, new JsonObject().put("firstName", "Eto").put("phone", phone()))
      .await().getString("riderId");

    JsonArray pending = call(HttpMethod.GET, "/api/v1/vendors?approvalStatus=PENDING", null, adminToken)
      .bodyAsJsonObject().getJsonArray("items");
    assertThat(pending.stream().map(v -> ((JsonObject) v).getString("vendorId"))).contains(vendorId);
    assertThat(pending.getJsonObject(0).fieldNames()).doesNotContain("passwordHash");

    HttpResponse<Buffer> approved = call(HttpMethod.POST, "/api/v1/vendors/" + vendorId + "/approve", null, adminToken);
    assertStatus(approved, 200, null);
    assertThat(approved.bodyAsJsonObject().getString("approvalStatus")).isEqualTo("APPROVED");
    assertThat(accounts.get(AccountKind.VENDOR, vendorId).await().getString("approvalDecidedBy")).isEqualTo(adminId);
    assertThat(call(HttpMethod.GET, "/api/v1/vendors?approvalStatus=APPROVED", null, adminToken).bodyAsJsonObject()
      .getJsonArray("items").stream().map(v -> ((JsonObject) v).getString("vendorId"))).contains(vendorId);

    assertStatus(call(HttpMethod.POST, "/api/v1/riders/" + riderId + "/reject", new JsonObject(), adminToken),
      400, "VALIDATION_FAILED");
    HttpResponse<Buffer> rejected = call(HttpMethod.POST, "/api/v1/riders/" + riderId + "/reject",
      new JsonObject().put("reason", "Licence expired"), adminToken);
    assertStatus(rejected, 200, null);
    assertThat(accounts.get(AccountKind.RIDER, riderId).await().getString("approvalStatus")).isEqualTo("REJECTED");
    assertThat(rejected.bodyAsJsonObject().getString("rejectionReason")).isEqualTo("Licence expired");

    assertStatus(call(HttpMethod.POST, "/api/v1/riders/rider_nobody/approve", null, adminToken), 404, "NOT_FOUND");
    assertStatus(call(HttpMethod.GET, "/api/v1/riders?approvalStatus=MAYBE", null, adminToken), 400, "VALIDATION_FAILED");
    assertStatus(call(HttpMethod.GET, "/api/v1/riders?limit=500", null, adminToken), 400, "VALIDATION_FAILED");
    assertStatus(call(HttpMethod.GET, "/api/v1/riders?cursor=%25%25", null, adminToken), 400, null);
    assertStatus(call(HttpMethod.POST, "/api/v1/vendors/" + vendorId + "/approve",
      new JsonObject().put("approvalStatus", "APPROVED"), adminToken), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("suspending a customer ends their tokens at once; reactivating restores them")
  void suspension(Vertx vertx) {
    String userId = accounts.create(AccountKind.USER, new JsonObject()).await().getString("userId");
    AccountSessionCheck check = new AccountSessionCheck(RedisStore.acquire(vertx, config).api(), accounts, new JsonObject());
    Principal user = new Principal(userId, Role.USER);
    JsonObject claims = new JsonObject().put("iat", java.time.Instant.now().getEpochSecond());
    check.check(user, claims).await();

    HttpResponse<Buffer> suspended = call(HttpMethod.POST, "/api/v1/users/" + userId + "/suspend",
      new JsonObject().put("reason", "Chargeback fraud"), adminToken);
    assertStatus(suspended, 200, null);
    assertThat(suspended.bodyAsJsonObject().getString("status")).isEqualTo("SUSPENDED");
    assertThatThrownBy(() -> check.check(user, claims).await())
      .satisfies(t -> assertThat(ErrorCode.of(t)).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED));

    assertStatus(call(HttpMethod.POST, "/api/v1/users/" + userId + "/reactivate", null, adminToken), 200, null);
    check.check(user, claims).await();
    String vendorId = accounts.create(AccountKind.VENDOR, new JsonObject().put("isOnline", true)).await().getString("vendorId");
    assertThat(call(HttpMethod.POST, "/api/v1/vendors/" + vendorId + "/suspend", null, adminToken).bodyAsJsonObject()
      .getBoolean("isOnline")).isFalse();
    RedisStore.release(vertx);
  }

  @Test
  @DisplayName("the audit trail lists admin actions and logins by actor or day, newest first, with cursor pages")
  void audit() {
    String vendorId = accounts.create(AccountKind.VENDOR, new JsonObject()).await().getString("vendorId");
    call(HttpMethod.POST, "/api/v1/vendors/" + vendorId + "/approve", null, adminToken);
    call(HttpMethod.POST, "/api/v1/vendors/" + vendorId + "/suspend", null, adminToken);
    JsonObject first = call(HttpMethod.GET, "/api/v1/audit?actorId=" + adminId + "&limit=1", null, adminToken).bodyAsJsonObject();
    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(first.getString("nextCursor")).isNotNull();
    JsonObject second = call(HttpMethod.GET, "/api/v1/audit?actorId=" + adminId + "&limit=1&cursor=" + first.getString("nextCursor"),
      null, adminToken).bodyAsJsonObject();
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("auditId"))
      .isLessThan(first.getJsonArray("items").getJsonObject(0).getString("auditId"));

    JsonArray all = call(HttpMethod.GET, "/api/v1/audit?actorId=" + adminId + "&limit=100", null, adminToken)
      .bodyAsJsonObject().getJsonArray("items");
    assertThat(all.stream().map(e -> ((JsonObject) e).getString("action")))
      .contains("admin.vendor.approve", "admin.vendor.suspend", "auth.login");
    JsonObject approve = all.stream().map(e -> (JsonObject) e)
      .filter(e -> "admin.vendor.approve".equals(e.getString("action")) && vendorId.equals(e.getString("target"))).findFirst().orElseThrow();
    assertThat(approve.getString("ip")).isEqualTo("127.0.0.1");
    assertThat(approve.getString("outcome")).isEqualTo("SUCCESS");

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertThat(call(HttpMethod.GET, "/api/v1/audit?day=" + today + "&limit=100", null, adminToken).bodyAsJsonObject()
      .getJsonArray("items")).isNotEmpty();
    assertStatus(call(HttpMethod.GET, "/api/v1/audit?day=yesterday", null, adminToken), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("every admin route: customers, vendors and riders get 403; no token gets 401")
  void adminOnlyMatrix() {
    List<String[]> routes = List.of(
      new String[] {"GET", "/api/v1/vendors"}, new String[] {"GET", "/api/v1/riders"}, new String[] {"GET", "/api/v1/audit"},
      new String[] {"POST", "/api/v1/vendors/vendor_x/approve"}, new String[] {"POST", "/api/v1/vendors/vendor_x/reject"},
      new String[] {"POST", "/api/v1/riders/rider_x/approve"}, new String[] {"POST", "/api/v1/riders/rider_x/reject"},
      new String[] {"POST", "/api/v1/users/user_x/suspend"}, new String[] {"POST", "/api/v1/users/user_x/reactivate"},
      new String[] {"POST", "/api/v1/vendors/vendor_x/suspend"}, new String[] {"POST", "/api/v1/vendors/vendor_x/reactivate"},
      new String[] {"POST", "/api/v1/riders/rider_x/suspend"}, new String[] {"POST", "/api/v1/riders/rider_x/reactivate"},
      new String[] {"GET", "/api/v1/me"});
    for (AccountKind kind : new AccountKind[] {AccountKind.USER, AccountKind.VENDOR, AccountKind.RIDER}) {
      String token = tokenOf(kind, accounts.create(kind, new JsonObject()).await().getString(kind.idField()));
      for (String[] route : routes) {
        HttpResponse<Buffer> r = call(HttpMethod.valueOf(route[0]), route[1], route[0].equals("POST")
          ? new JsonObject().put("reason", "because") : null, token);
        assertThat(r.statusCode()).as(kind + " " + route[0] + " " + route[1]).isEqualTo(403);
      }
    }
    for (String[] route : routes) {
      assertThat(call(HttpMethod.valueOf(route[0]), route[1], null, null).statusCode()).as(route[1]).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("every route mounted on the admin API is in its OpenAPI document")
  void documented(Vertx vertx) {
    ApiFoundation foundation = ApiFoundation.create(vertx, config, "openapi/admin-api.json");
    Identity identity = IdentityRoutes.mount(foundation, AccountKind.ADMIN);
    cm.reeyo.files.Files files = cm.reeyo.files.Files.create(foundation);
    AccountAdminRoutes.mount(identity, files);
    AuditRoutes.mount(identity);
    JsonObject doc = foundation.openApi().load(vertx).await();
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("paths").fieldNames()).contains("/api/v1/vendors/{id}/approve", "/api/v1/audit");
    files.close();
    foundation.close();
  }
}
