package cm.reeyo.userapi;

import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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

import static cm.reeyo.userapi.TestApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("User API identity: register, verify, login, refresh, logout, change password, /me")
class AuthFlowTest {

  static TestApi api;
  static Accounts accounts;
  static Dynamo dynamo;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    TestApi.deploy(vertx, TestApi.config(), 1, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      dynamo = Dynamo.acquire(vertx, api.config);
      accounts = new Accounts(dynamo);
      ctx.completeNow();
    }));
  }

  static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  @Test
  @DisplayName("register → SMS OTP → login unverified → verify → refresh rotates → reuse ends the family → logout ends the session")
  void fullLifecycle() {
    String phone = TestApi.randomPhone();
    HttpResponse<Buffer> registered = api.post("/api/v1/auth/register",
      TestApi.newUser(phone).put("phone", phone.substring(4, 6) + " " + phone.substring(6)));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    JsonObject user = registered.bodyAsJsonObject();
    assertThat(user.getString("phone")).as("normalised to E.164").isEqualTo(phone);
    assertThat(user.getBoolean("isPhoneVerified")).isFalse();
    assertThat(user.getString("status")).isEqualTo("ACTIVE");
    assertThat(user.fieldNames()).doesNotContain("passwordHash", "password", "tokensValidAfter");
    String userId = user.getString("userId");

    String code = api.otpFor(phone);
    assertThat(code).matches("[0-9]{6}");

    JsonObject login = api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD))
      .bodyAsJsonObject();
    assertThat(login.getString("token")).isNotBlank();
    assertThat(login.getLong("expiresIn")).isEqualTo(900L);
    assertThat(login.getJsonObject("user").getBoolean("isPhoneVerified")).as("unverified customers may log in").isFalse();

    assertError(api.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone)
      .put("code", code.equals("000000") ? "111111" : "000000")), 400, "VALIDATION_FAILED");
    HttpResponse<Buffer> verified = api.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", code));
    assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
    assertThat(accounts.get(AccountKind.USER, userId).await().getBoolean("isPhoneVerified")).isTrue();
    assertError(api.post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", code)),
      400, "VALIDATION_FAILED");

    JsonObject me = api.get("/api/v1/me", login.getString("token")).bodyAsJsonObject();
    assertThat(me.getString("userId")).isEqualTo(userId);
    assertThat(me.getBoolean("isPhoneVerified")).isTrue();

    JsonObject refreshed = api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", login.getString("refreshToken")))
      .bodyAsJsonObject();
    assertThat(refreshed.getString("refreshToken")).isNotEqualTo(login.getString("refreshToken"));
    assertThat(refreshed.getJsonObject("user").getString("userId")).isEqualTo(userId);
    assertThat(api.get("/api/v1/me", refreshed.getString("token")).statusCode()).isEqualTo(200);

    TestApi.sleep(TestApi.GRACE_MS + 200); // past the reuse grace
    assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", login.getString("refreshToken"))),
      401, "UNAUTHORIZED");
    assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", refreshed.getString("refreshToken"))),
      401, "UNAUTHORIZED");
    assertError(api.get("/api/v1/me", refreshed.getString("token")), 401, "UNAUTHORIZED");

    JsonObject again = api.post("/api/v1/auth/login", new JsonObject().put("email", TestApi.newUser(phone).getString("email"))
      .put("password", PASSWORD)).bodyAsJsonObject();
    assertThat(api.post("/api/v1/auth/logout", new JsonObject(), again.getString("token")).statusCode()).isEqualTo(204);
    assertError(api.get("/api/v1/me", again.getString("token")), 401, "UNAUTHORIZED");
    assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", again.getString("refreshToken"))),
      401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("two concurrent refreshes of one session both succeed with the same new pair; a reuse after the grace ends the family")
  void concurrentRefreshGrace() {
    JsonObject login = api.verifiedUser();
    JsonObject body = new JsonObject().put("refreshToken", login.getString("refreshToken"));
    List<HttpResponse<Buffer>> answers = Future.all(List.of(
        api.client.post("/api/v1/auth/refresh").putHeader(TestApi.PROXY_HEADER, api.ip).sendJsonObject(body),
        api.client.post("/api/v1/auth/refresh").putHeader(TestApi.PROXY_HEADER, api.ip).sendJsonObject(body)))
      .await().<HttpResponse<Buffer>>list();
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
    String next = answers.get(0).bodyAsJsonObject().getString("refreshToken");
    assertThat(answers.get(1).bodyAsJsonObject().getString("refreshToken")).isEqualTo(next);
    assertThat(next).isNotEqualTo(login.getString("refreshToken"));
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(api.get("/api/v1/me", answer.bodyAsJsonObject().getString("token")).statusCode()).isEqualTo(200);
    }

    TestApi.sleep(TestApi.GRACE_MS + 200);
    assertError(api.post("/api/v1/auth/refresh", body), 401, "UNAUTHORIZED");
    assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", next)), 401, "UNAUTHORIZED");
    assertError(api.get("/api/v1/me", answers.get(1).bodyAsJsonObject().getString("token")), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("the OTP goes to the notifier address in the agreed shape, stored only as a hash")
  void otpMessageShape() {
    String phone = TestApi.randomPhone();
    JsonObject user = api.post("/api/v1/auth/register", TestApi.newUser(phone).put("language", "en")).bodyAsJsonObject();
    for (int i = 0; i < 100 && api.lastSms(phone) == null; i++) {
      TestApi.sleep(20);
    }
    JsonObject sms = api.lastSms(phone);
    assertThat(sms.getString("to")).isEqualTo(phone);
    assertThat(sms.getString("template")).isEqualTo("otp");
    assertThat(sms.getString("language")).isEqualTo("en");
    assertThat(sms.getString("accountId")).isEqualTo(user.getString("userId"));
    assertThat(sms.getString("messageId")).isNotBlank();
    String code = sms.getJsonObject("params").getString("code");
    String redisValue = cm.reeyo.storage.RedisStore.acquire(api.vertx, api.config).api()
      .hget("otp:USER:" + phone, "h").await().toString();
    assertThat(redisValue).isNotEqualTo(code).hasSize(64);
    cm.reeyo.storage.RedisStore.release(api.vertx);
  }

  @Test
  @DisplayName("duplicate phone or e-mail in the same role answers 409; the first account is untouched")
  void uniqueness() {
    String phone = TestApi.randomPhone();
    assertThat(api.post("/api/v1/auth/register", TestApi.newUser(phone)).statusCode()).isEqualTo(201);
    assertError(api.post("/api/v1/auth/register", TestApi.newUser(phone).put("email", "other." + phone.substring(1) + "@example.com")),
      409, "ALREADY_EXISTS");
    assertError(api.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone())
      .put("email", TestApi.newUser(phone).getString("email").toUpperCase())), 409, "ALREADY_EXISTS");
    var found = dynamo.call(c -> c.query(b -> b.tableName(dynamo.table("users")).indexName("phone-index")
      .keyConditionExpression("phone = :p").expressionAttributeValues(Map.of(":p", Items.s(phone))))).await();
    assertThat(found.count()).isEqualTo(1);
  }

  @Test
  @DisplayName("registration refuses weak or over-long passwords, bad phones and e-mails, and fields a client may not set")
  void registrationValidation() {
    String phone = TestApi.randomPhone();
    HttpResponse<Buffer> weak = api.post("/api/v1/auth/register", TestApi.newUser(phone).put("password", "password1"));
    assertError(weak, 400, "VALIDATION_FAILED");
    assertThat(weak.bodyAsString()).contains("upper-case").contains("special").doesNotContain("password1");
    assertError(api.post("/api/v1/auth/register", TestApi.newUser(phone).put("password", "Aa1#" + "é".repeat(35))),
      400, "VALIDATION_FAILED");
    HttpResponse<Buffer> sneaky = api.post("/api/v1/auth/register", TestApi.newUser(phone)
      .put("role", "ADMIN").put("status", "ACTIVE").put("balance", 1_000_000).put("isPhoneVerified", true).put("userId", "user_x"));
    assertError(sneaky, 400, "VALIDATION_FAILED");
    JsonArray details = sneaky.bodyAsJsonObject().getJsonObject("error").getJsonArray("details");
    assertThat(details.stream().map(d -> ((JsonObject) d).getString("field")))
      .contains("role", "status", "balance", "isPhoneVerified", "userId");
    assertError(api.post("/api/v1/auth/register", TestApi.newUser("+2376700")), 400, "VALIDATION_FAILED");
    assertError(api.post("/api/v1/auth/register", TestApi.newUser(phone).put("email", "not-an-email")), 400, "VALIDATION_FAILED");
    assertThat(accounts.byPhone(AccountKind.USER, phone).await()).as("nothing half-written").isEmpty();
  }

  @Test
  @DisplayName("PATCH /me changes names, language and addresses only; role, status, balance, phone are refused")
  void patchMe() {
    String token = api.verifiedUser().getString("token");
    JsonObject address = new JsonObject().put("label", "Home").put("line1", "Rue 1.234").put("city", "Douala")
      .put("lat", 4.05).put("lng", 9.7);
    HttpResponse<Buffer> ok = api.patch("/api/v1/me", new JsonObject().put("firstName", "Awa B")
      .put("language", "en").put("addresses", new JsonArray().add(address)), token);
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getString("firstName")).isEqualTo("Awa B");
    assertThat(ok.bodyAsJsonObject().getJsonArray("addresses").getJsonObject(0).getDouble("lat")).isEqualTo(4.05);
    for (String field : new String[] {"role", "status", "balance", "phone", "isPhoneVerified", "userId", "rating"}) {
      assertError(api.patch("/api/v1/me", new JsonObject().put(field, "X"), token), 400, "VALIDATION_FAILED");
    }
    assertError(api.patch("/api/v1/me", new JsonObject().put("addresses", new JsonArray()
      .add(new JsonObject().put("line1", "x").put("lat", 200).put("lng", 0))), token), 400, "VALIDATION_FAILED");
    assertThat(api.get("/api/v1/me", token).bodyAsJsonObject().getString("status")).isEqualTo("ACTIVE");
  }

  @Test
  @DisplayName("a password change ends every other session and answers a fresh pair; the old password stops working")
  void changePassword() {
    String phone = TestApi.randomPhone();
    api.post("/api/v1/auth/register", TestApi.newUser(phone));
    JsonObject credentials = new JsonObject().put("phone", phone).put("password", PASSWORD);
    JsonObject first = api.post("/api/v1/auth/login", credentials).bodyAsJsonObject();
    JsonObject second = api.post("/api/v1/auth/login", credentials).bodyAsJsonObject();

    assertError(api.post("/api/v1/auth/change-password", new JsonObject().put("currentPassword", "Wr0ng#pass")
      .put("newPassword", "N3w#Password"), first.getString("token")), 400, "VALIDATION_FAILED");
    HttpResponse<Buffer> changed = api.post("/api/v1/auth/change-password", new JsonObject()
      .put("currentPassword", PASSWORD).put("newPassword", "N3w#Password"), first.getString("token"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    JsonObject fresh = changed.bodyAsJsonObject();

    assertThat(api.get("/api/v1/me", fresh.getString("token")).statusCode()).isEqualTo(200);
    for (JsonObject old : new JsonObject[] {first, second}) {
      assertError(api.get("/api/v1/me", old.getString("token")), 401, "UNAUTHORIZED");
      assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", old.getString("refreshToken"))),
        401, "UNAUTHORIZED");
    }
    assertThat(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", fresh.getString("refreshToken")))
      .statusCode()).isEqualTo(200);
    assertError(api.post("/api/v1/auth/login", credentials), 401, "INVALID_CREDENTIALS");
    assertThat(api.post("/api/v1/auth/login", credentials.copy().put("password", "N3w#Password")).statusCode()).isEqualTo(200);
  }
}
