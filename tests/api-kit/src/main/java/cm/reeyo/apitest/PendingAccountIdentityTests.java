package cm.reeyo.apitest;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.IdentityRoutes;
import cm.reeyo.identity.Sessions;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static cm.reeyo.apitest.HttpCalls.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity behaviour of an API whose accounts wait for an admin's approval (vendors, riders), run against that
 * API deployed on its own: registration is PENDING and offline, the phone is verified by OTP, login answers the
 * account under its role's name, {@code /me} refuses protected fields, other roles' tokens are refused, every
 * identity route is documented. A subclass names the kind, its verticle, a valid registration and its own checks.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PendingAccountIdentityTests {

  protected static final String PASSWORD = "Str0ng#Pass";

  private final AccountKind kind;
  private final Supplier<? extends Deployable> verticle;
  private final String openApiResource;
  private ApiUnderTest api;
  private HttpCalls http;

  protected PendingAccountIdentityTests(AccountKind kind, Supplier<? extends Deployable> verticle, String openApiResource) {
    this.kind = kind;
    this.verticle = verticle;
    this.openApiResource = openApiResource;
  }

  /** A valid registration for {@code phone} with {@link #PASSWORD} and an e-mail address unique to the phone. */
  protected abstract JsonObject registration(String phone);

  /** Checks the kind's own fields of a freshly registered account. */
  protected abstract void assertOwnFields(JsonObject account);

  /** Registrations for {@code phone} with a bad value of one of the kind's own fields. */
  protected abstract List<JsonObject> badRegistrations(String phone);

  @BeforeAll
  void deploy(Vertx vertx, VertxTestContext ctx) {
    ApiUnderTest.deployWithOtpInbox(vertx, ApiUnderTest.configWithoutAuthLimits(), verticle)
      .onComplete(ctx.succeeding(deployed -> {
        api = deployed;
        http = new HttpCalls(api.client);
        ctx.completeNow();
      }));
  }

  protected static String phone() {
    return "+23765" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  @Test
  @DisplayName("a new account is PENDING and offline, verifies the phone, logs in under its role's name, reads and edits /me")
  void lifecycle() throws InterruptedException {
    String phone = phone();
    HttpResponse<Buffer> registered = http.post("/api/v1/auth/register", registration(phone), null);
    assertStatus(registered, 201, null);
    JsonObject account = registered.bodyAsJsonObject();
    assertThat(account.getString("approvalStatus")).isEqualTo("PENDING");
    assertThat(account.getBoolean("isOnline")).isFalse();
    assertThat(account.getString(kind.idField())).startsWith(kind.idPrefix() + "_");
    assertOwnFields(account);
    assertStatus(http.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", api.otp(phone)),
      null), 200, null);

    JsonObject login = http.post("/api/v1/auth/login", new JsonObject().put("email", registration(phone).getString("email"))
      .put("password", PASSWORD), null).bodyAsJsonObject();
    JsonObject self = login.getJsonObject(kind.role().name().toLowerCase());
    assertThat(self.getString(kind.idField())).isEqualTo(account.getString(kind.idField()));
    assertThat(self.getBoolean("isPhoneVerified")).isTrue();
    String token = login.getString("token");
    assertThat(http.get("/api/v1/me", token).bodyAsJsonObject().getString("approvalStatus")).isEqualTo("PENDING");
    assertStatus(http.patch("/api/v1/me", new JsonObject().put("language", "en"), token), 200, null);
    for (String field : new String[] {"approvalStatus", "status", "rating", "isOnline", kind.idField(), "balance"}) {
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
      .put("status", "ACTIVE").put("rating", 5).put(kind.idField(), kind.idPrefix() + "_mine"), null);
    assertStatus(r, 400, "VALIDATION_FAILED");
    for (JsonObject bad : badRegistrations(phone)) {
      assertStatus(http.post("/api/v1/auth/register", bad, null), 400, "VALIDATION_FAILED");
    }
  }

  @Test
  @DisplayName("tokens of other roles get 403 here; a customer's refresh token is refused by this API's refresh")
  void otherRoles(Vertx vertx) {
    Dynamo dynamo = Dynamo.acquire(vertx, api.config);
    Accounts accounts = new Accounts(dynamo);
    for (AccountKind other : AccountKind.values()) {
      if (other == kind) {
        continue;
      }
      String id = accounts.create(other, new JsonObject()).await().getString(other.idField());
      String token = api.token(id, other.role());
      assertStatus(http.get("/api/v1/me", token), 403, "FORBIDDEN");
      assertStatus(http.post("/api/v1/auth/logout", new JsonObject(), token), 403, "FORBIDDEN");
    }
    Sessions sessions = new Sessions(dynamo, RedisStore.acquire(vertx, api.config).api(), 3600, 900);
    String customerRefresh = sessions.start(Role.USER, "user_elsewhere").await().refreshToken();
    assertStatus(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", customerRefresh), null), 401,
      "UNAUTHORIZED");
    RedisStore.release(vertx);
    Dynamo.release(vertx);
  }

  @Test
  @DisplayName("every identity route mounted on this API is in its OpenAPI document")
  void documented(Vertx vertx) {
    ApiFoundation foundation = ApiFoundation.create(vertx, api.config, openApiResource);
    IdentityRoutes.mount(foundation, kind);
    JsonObject doc = foundation.openApi().load(vertx).await();
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    String name = kind.role().name().charAt(0) + kind.role().name().substring(1).toLowerCase();
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").fieldNames()).contains("Register" + name, name);
    foundation.close();
  }
}
