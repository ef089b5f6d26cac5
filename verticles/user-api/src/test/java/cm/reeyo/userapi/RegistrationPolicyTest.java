package cm.reeyo.userapi;

import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
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

import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.TestApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Registration policy: Cameroon numbers only, a daily SMS cap per phone shared by nodes, stale unverified registrations replaced")
class RegistrationPolicyTest {

  static final int DAILY = 4; // the stale-registration test sends 4 codes to one phone
  /** Long enough for a registration (bcrypt on a loaded machine) to finish before its predecessor goes stale. */
  static final int STALE_SECONDS = 5;
  static TestApi nodeA;
  static TestApi nodeB;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = TestApi.config();
    config.put("identity", new JsonObject()
      .put("otp", new JsonObject().put("dailyPerPhone", DAILY))
      .put("registration", new JsonObject().put("unverifiedTtlSeconds", STALE_SECONDS)));
    JsonObject second = TestConfig.withPort(config, LocalRedis.Ports.free());
    TestApi.deploy(vertx, config, 1, true)
      .compose(a -> TestApi.deploy(vertx, second, 1, false).map(b -> {
        nodeA = a;
        nodeB = b;
        return b;
      }))
      .onComplete(ctx.succeedingThenComplete());
  }

  static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  @Test
  @DisplayName("a French or Nigerian number is refused 400 VALIDATION_FAILED on phone; a Cameroonian one registers")
  void countryCodes() {
    for (String foreign : new String[] {"+33612345678", "+2348031234567"}) {
      HttpResponse<Buffer> refused = nodeA.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone()).put("phone", foreign));
      assertError(refused, 400, "VALIDATION_FAILED");
      assertThat(refused.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field"))
        .isEqualTo("phone");
    }
    assertThat(nodeA.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone())).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("SMS codes per phone and day: registration and re-sends on two nodes share the cap; past it 429 RATE_LIMITED")
  void dailySmsCap() {
    String phone = TestApi.randomPhone();
    assertThat(nodeA.post("/api/v1/auth/register", TestApi.newUser(phone)).statusCode()).isEqualTo(201);
    JsonObject resend = new JsonObject().put("phone", phone);
    assertThat(nodeB.post("/api/v1/auth/resend-otp", resend).statusCode()).isEqualTo(202);
    assertThat(nodeA.post("/api/v1/auth/resend-otp", resend).statusCode()).isEqualTo(202);
    assertThat(nodeB.post("/api/v1/auth/resend-otp", resend).statusCode()).isEqualTo(202);
    HttpResponse<Buffer> capped = nodeB.post("/api/v1/auth/resend-otp", resend);
    assertError(capped, 429, "RATE_LIMITED");
    assertThat(Long.parseLong(capped.getHeader("Retry-After"))).isBetween(1L, 86_400L);
    assertError(nodeA.post("/api/v1/auth/register", TestApi.newUser(phone).put("email", "other." + phone.substring(4) + "@example.com")),
      429, "RATE_LIMITED");
  }

  @Test
  @DisplayName("a stale unverified registration does not block the phone's owner: it is replaced, its e-mail freed; a verified one is never replaced")
  void staleUnverifiedReplaced() {
    String phone = TestApi.randomPhone();
    JsonObject squatter = TestApi.newUser(phone).put("email", "squat." + phone.substring(4) + "@example.com");
    HttpResponse<Buffer> first = nodeA.post("/api/v1/auth/register", squatter);
    assertThat(first.statusCode()).isEqualTo(201);
    nodeA.otpFor(phone);
    JsonObject owner = TestApi.newUser(phone).put("password", PASSWORD + "!");
    assertError(nodeA.post("/api/v1/auth/register", owner), 409, "ALREADY_EXISTS");

    TestApi.sleep(STALE_SECONDS * 1000 + 300); // past unverifiedTtlSeconds
    HttpResponse<Buffer> replaced = nodeA.post("/api/v1/auth/register", owner);
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(201);
    assertThat(replaced.bodyAsJsonObject().getString("userId")).isNotEqualTo(first.bodyAsJsonObject().getString("userId"));
    assertError(nodeA.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD)),
      401, "INVALID_CREDENTIALS");
    HttpResponse<Buffer> verified = nodeA.post("/api/v1/auth/verify-phone",
      new JsonObject().put("phone", phone).put("code", nodeA.otpFor(phone)));
    assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
    assertThat(nodeA.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD + "!"))
      .statusCode()).isEqualTo(200);
    assertThat(nodeA.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone()).put("email", squatter.getString("email")))
      .statusCode()).as("the squatter's e-mail is free again").isEqualTo(201);

    TestApi.sleep(STALE_SECONDS * 1000 + 300);
    assertError(nodeA.post("/api/v1/auth/register", TestApi.newUser(phone).put("email", "late." + phone.substring(4) + "@example.com")),
      409, "ALREADY_EXISTS");
  }
}
