package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.Principal;
import cm.reeyo.identity.AccountAdmin;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Identity;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Items;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.AuthFlowTest.assertError;
import static cm.reeyo.userapi.TestApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("User API: 5 failures per source, suspension takes effect at once, audit of auth attempts")
class LockoutAndSuspensionTest {

  static TestApi api;
  static Identity identity;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    TestApi.deploy(vertx, TestApi.config(), 1, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      identity = Identity.of(ApiFoundation.create(vertx, api.config, "openapi/user-api.json"));
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("5 wrong passwords from one source close the account to that source for 15 minutes: the right password then gets 423 with Retry-After")
  void lockout() {
    String phone = TestApi.randomPhone();
    String userId = api.post("/api/v1/auth/register", TestApi.newUser(phone)).bodyAsJsonObject().getString("userId");
    JsonObject wrong = new JsonObject().put("phone", phone).put("password", "Wr0ng#pass");
    for (int i = 0; i < 5; i++) {
      assertError(api.post("/api/v1/auth/login", wrong), 401, "INVALID_CREDENTIALS");
    }
    HttpResponse<Buffer> locked = api.post("/api/v1/auth/login", wrong.copy().put("password", PASSWORD));
    assertError(locked, 423, "ACCOUNT_LOCKED");
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(800L, 900L);

    List<JsonObject> entries = auditOf(userId);
    for (int i = 0; i < 50 && entries.stream().filter(e -> "auth.login".equals(e.getString("action"))).count() < 6; i++) {
      TestApi.sleep(50);
      entries = auditOf(userId);
    }
    assertThat(entries).extracting(e -> e.getString("outcome")).containsOnly("FAILURE", "DENIED", "SUCCESS");
    assertThat(entries.stream().filter(e -> "auth.login".equals(e.getString("action")))).hasSize(6);
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.getString("ip")).isEqualTo(api.ip);
      assertThat(e.getString("details", "")).doesNotContain(phone.substring(5, 10));
    });
  }

  @Test
  @DisplayName("a success before the limit resets the failure count")
  void successResets() {
    String phone = TestApi.randomPhone();
    api.post("/api/v1/auth/register", TestApi.newUser(phone));
    JsonObject wrong = new JsonObject().put("phone", phone).put("password", "Wr0ng#pass");
    for (int i = 0; i < 4; i++) {
      assertError(api.post("/api/v1/auth/login", wrong), 401, "INVALID_CREDENTIALS");
    }
    assertThat(api.post("/api/v1/auth/login", wrong.copy().put("password", PASSWORD)).statusCode()).isEqualTo(200);
    assertError(api.post("/api/v1/auth/login", wrong), 401, "INVALID_CREDENTIALS");
    assertThat(api.post("/api/v1/auth/login", wrong.copy().put("password", PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a suspended customer's tokens stop working at once, refresh and login are refused; reactivation restores login")
  void suspension() {
    JsonObject login = api.verifiedUser();
    String userId = login.getJsonObject("user").getString("userId");
    String phone = login.getJsonObject("user").getString("phone");
    assertThat(api.get("/api/v1/me", login.getString("token")).statusCode()).as("status now cached").isEqualTo(200);

    AccountAdmin admin = new AccountAdmin(identity);
    Principal root = new Principal("admin_test", cm.reeyo.contracts.Role.ADMIN);
    admin.setStatus(root, AccountKind.USER, userId, true, "fraud").await();

    assertError(api.get("/api/v1/me", login.getString("token")), 403, "ACCOUNT_SUSPENDED");
    assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", login.getString("refreshToken"))),
      401, "UNAUTHORIZED");
    assertError(api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD)),
      403, "ACCOUNT_SUSPENDED");

    admin.setStatus(root, AccountKind.USER, userId, false, null).await();
    JsonObject back = api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD))
      .bodyAsJsonObject();
    assertThat(api.get("/api/v1/me", back.getString("token")).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("resend-otp replaces the code, and answers the same for unknown phones")
  void resendOtp() {
    String phone = TestApi.randomPhone();
    assertThat(api.post("/api/v1/auth/register", TestApi.newUser(phone)).statusCode()).isEqualTo(201);
    String first = api.otpFor(phone);
    HttpResponse<Buffer> resent = api.post("/api/v1/auth/resend-otp", new JsonObject().put("phone", phone));
    assertThat(resent.statusCode()).isEqualTo(202);
    String second = api.otpFor(phone);
    assertThat(api.post("/api/v1/auth/resend-otp", new JsonObject().put("phone", TestApi.randomPhone())).statusCode())
      .isEqualTo(202);
    if (!first.equals(second)) {
      assertError(api.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", first)),
        400, "VALIDATION_FAILED");
    }
    assertThat(api.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", second)).statusCode())
      .isEqualTo(200);
  }

  private List<JsonObject> auditOf(String accountId) {
    return identity.api().dynamo().call(c -> c.query(b -> b.tableName(identity.api().dynamo().table(CoreTables.AUDIT))
        .indexName("actor-index").keyConditionExpression("actorId = :a")
        .expressionAttributeValues(Map.of(":a", Items.s(accountId)))))
      .await().items().stream().map(Items::toJson).toList();
  }
}
