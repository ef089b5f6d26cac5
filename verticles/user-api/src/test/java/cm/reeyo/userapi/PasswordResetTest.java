package cm.reeyo.userapi;

import cm.reeyo.contracts.NotifyAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.AuthFlowTest.assertError;
import static cm.reeyo.userapi.TestApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Password reset: forgot-password (same 202 for every contact) → code by SMS or e-mail → reset-password ends every session")
class PasswordResetTest {

  static final String NEW_PASSWORD = "N3w#Passw0rd";
  static TestApi api;
  static final Map<String, JsonObject> emails = new ConcurrentHashMap<>();

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = TestApi.config();
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.EMAIL, msg -> {
        emails.put(msg.body().getString("to"), msg.body());
        msg.reply(new JsonObject().put("messageId", "msg_e"));
      }).completion()
      .compose(v -> TestApi.deploy(vertx, config, 1, true))
      .onComplete(ctx.succeeding(deployed -> {
        api = deployed;
        ctx.completeNow();
      }));
  }

  @BeforeEach
  void ownClientIp() {
    api.ip = TestApi.randomIp();
  }

  private static JsonObject registered(String phone) {
    HttpResponse<Buffer> r = api.post("/api/v1/auth/register", TestApi.newUser(phone));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    api.otpFor(phone);
    return r.bodyAsJsonObject();
  }

  private static JsonObject login(String phone, String password) {
    HttpResponse<Buffer> r = api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", password));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject awaitMessage(Map<String, JsonObject> box, String to) {
    for (int i = 0; i < 150 && !box.containsKey(to); i++) {
      TestApi.sleep(20);
    }
    JsonObject message = box.remove(to);
    assertThat(message).as("a message to " + to).isNotNull();
    return message;
  }

  private static HttpResponse<Buffer> forgot(JsonObject contact) {
    return api.post("/api/v1/auth/forgot-password", contact);
  }

  @Test
  @DisplayName("by phone: 202, an SMS code, a wrong code refused, the right one sets the password and ends both sessions")
  void byPhone() {
    String phone = TestApi.randomPhone();
    String userId = registered(phone).getString("userId");
    JsonObject first = login(phone, PASSWORD);
    JsonObject second = login(phone, PASSWORD);

    HttpResponse<Buffer> asked = forgot(new JsonObject().put("phone", phone));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    JsonObject sms = awaitMessage(api.sms, phone);
    assertThat(sms.getString("template")).isEqualTo("password_reset");
    assertThat(sms.getString("accountId")).isEqualTo(userId);
    String code = sms.getJsonObject("params").getString("code");
    assertThat(code).matches("[0-9]{6}");

    JsonObject reset = new JsonObject().put("phone", phone).put("newPassword", NEW_PASSWORD);
    assertError(api.post("/api/v1/auth/reset-password", reset.copy().put("code", code.equals("000000") ? "111111" : "000000")),
      400, "VALIDATION_FAILED");
    HttpResponse<Buffer> done = api.post("/api/v1/auth/reset-password", reset.copy().put("code", code));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getString("message")).isNotBlank();

    for (JsonObject old : new JsonObject[] {first, second}) {
      assertError(api.get("/api/v1/me", old.getString("token")), 401, "UNAUTHORIZED");
      assertError(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", old.getString("refreshToken"))),
        401, "UNAUTHORIZED");
    }
    assertError(api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD)),
      401, "INVALID_CREDENTIALS");
    assertThat(api.get("/api/v1/me", login(phone, NEW_PASSWORD).getString("token")).statusCode()).isEqualTo(200);
    assertError(api.post("/api/v1/auth/reset-password", reset.copy().put("code", code)), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("by e-mail: the code goes by e-mail to the account's address and resets the password")
  void byEmail() {
    String phone = TestApi.randomPhone();
    String email = TestApi.newUser(phone).getString("email");
    registered(phone);
    assertThat(forgot(new JsonObject().put("email", email.toUpperCase())).statusCode()).isEqualTo(202);
    JsonObject mail = awaitMessage(emails, email);
    assertThat(mail.getString("template")).isEqualTo("password_reset");
    assertThat(mail.getJsonObject("params").getString("firstName")).isEqualTo("Awa");
    HttpResponse<Buffer> done = api.post("/api/v1/auth/reset-password", new JsonObject().put("email", email)
      .put("code", mail.getJsonObject("params").getString("code")).put("newPassword", NEW_PASSWORD));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    login(phone, NEW_PASSWORD);
  }

  @Test
  @DisplayName("an unknown contact gets the very same 202 answer and no message is sent; resetting it is refused")
  void unknownAccountLooksTheSame() {
    String known = TestApi.randomPhone();
    registered(known);
    String unknown = TestApi.randomPhone();
    HttpResponse<Buffer> forKnown = forgot(new JsonObject().put("phone", known));
    HttpResponse<Buffer> forUnknown = forgot(new JsonObject().put("phone", unknown));
    assertThat(forUnknown.statusCode()).isEqualTo(202);
    assertThat(forUnknown.bodyAsJsonObject()).isEqualTo(forKnown.bodyAsJsonObject());
    awaitMessage(api.sms, known);
    TestApi.sleep(300);
    assertThat(api.sms).doesNotContainKey(unknown);
    assertError(api.post("/api/v1/auth/reset-password", new JsonObject().put("phone", unknown).put("code", "123456")
      .put("newPassword", NEW_PASSWORD)), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName("bad input on both routes → 400 VALIDATION_FAILED in the error shape, naming the field")
  void badInput() {
    JsonObject[] badForgot = {
      new JsonObject(),
      new JsonObject().put("phone", "12"),
      new JsonObject().put("email", "not-an-email"),
      new JsonObject().put("phone", TestApi.randomPhone()).put("email", "a@example.com"),
      new JsonObject().put("phone", TestApi.randomPhone()).put("role", "ADMIN")
    };
    for (JsonObject body : badForgot) {
      api.ip = TestApi.randomIp();
      assertError(forgot(body), 400, "VALIDATION_FAILED");
    }
    JsonObject good = new JsonObject().put("phone", TestApi.randomPhone()).put("code", "123456").put("newPassword", NEW_PASSWORD);
    JsonObject[] badReset = {
      good.copy().put("code", "12345"),
      good.copy().put("code", "abcdef"),
      good.copy().put("newPassword", "password1"),
      good.copy().put("passwordHash", "x"),
      new JsonObject().put("code", "123456").put("newPassword", NEW_PASSWORD)
    };
    for (JsonObject body : badReset) {
      api.ip = TestApi.randomIp();
      HttpResponse<Buffer> r = api.post("/api/v1/auth/reset-password", body);
      assertError(r, 400, "VALIDATION_FAILED");
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getJsonArray("details")).isNotEmpty();
      assertThat(r.bodyAsString()).doesNotContain("password1");
    }
  }

  @Test
  @DisplayName("rate-limited like login: 3 codes per phone per window, 5 calls per IP (429 + Retry-After)")
  void rateLimited() {
    String phone = TestApi.randomPhone();
    for (int i = 0; i < 3; i++) {
      api.ip = TestApi.randomIp();
      assertThat(forgot(new JsonObject().put("phone", phone)).statusCode()).isEqualTo(202);
    }
    api.ip = TestApi.randomIp();
    HttpResponse<Buffer> perContact = forgot(new JsonObject().put("phone", phone));
    assertError(perContact, 429, "RATE_LIMITED");
    assertThat(perContact.getHeader("Retry-After")).isNotBlank();

    api.ip = TestApi.randomIp();
    JsonObject guess = new JsonObject().put("phone", TestApi.randomPhone()).put("code", "123456").put("newPassword", NEW_PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertError(api.post("/api/v1/auth/reset-password", guess), 400, "VALIDATION_FAILED");
    }
    assertError(api.post("/api/v1/auth/reset-password", guess), 429, "RATE_LIMITED");
  }
}
