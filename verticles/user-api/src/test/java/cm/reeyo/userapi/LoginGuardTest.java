package cm.reeyo.userapi;

import io.vertx.core.Future;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static cm.reeyo.userapi.AuthFlowTest.assertError;
import static cm.reeyo.userapi.TestApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("User API login limits: counted before comparing, per account and source, trusted devices keep working")
class LoginGuardTest {

  private static final int UNTRUSTED_PER_DAY = 12;
  static TestApi api;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = TestApi.config();
    config.put("identity", config.getJsonObject("identity", new JsonObject()).copy()
      .put("login", new JsonObject().put("untrustedPerDay", UNTRUSTED_PER_DAY)));
    TestApi.deploy(vertx, config, 2, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("200 parallel wrong passwords from one source: exactly 5 are compared (401), every other one is refused unread (423)")
  void parallelGuessesCountedFirst() {
    String phone = registered();
    JsonObject wrong = new JsonObject().put("phone", phone).put("password", "Wr0ng#pass");
    List<Future<HttpResponse<Buffer>>> attempts = IntStream.range(0, 200)
      .mapToObj(i -> api.client.post("/api/v1/auth/login").putHeader(TestApi.PROXY_HEADER, api.ip).sendJsonObject(wrong))
      .toList();
    Future.all(attempts).await();
    Map<Integer, Long> byStatus = attempts.stream().map(f -> f.result().statusCode())
      .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(byStatus).containsOnlyKeys(401, 423);
    assertThat(byStatus.get(401)).as("passwords compared").isEqualTo(5L);
    assertError(api.post("/api/v1/auth/login", wrong.copy().put("password", PASSWORD)), 423, "ACCOUNT_LOCKED");
  }

  @Test
  @DisplayName("a stranger guessing from many addresses exhausts them and the daily allowance, yet the owner's trusted device logs in")
  void strangerCannotLockTrustedDevice() {
    String phone = registered();
    JsonObject owner = new JsonObject().put("phone", phone).put("password", PASSWORD);
    HttpResponse<Buffer> first = api.post("/api/v1/auth/login", owner);
    assertThat(first.statusCode()).isEqualTo(200);
    String deviceToken = first.bodyAsJsonObject().getString("deviceToken");
    assertThat(deviceToken).isNotBlank();

    JsonObject wrong = new JsonObject().put("phone", phone).put("password", "Wr0ng#pass");
    int compared = 0;
    for (int source = 0; source < 4; source++) {
      String strangerIp = TestApi.randomIp();
      for (int i = 0; i < 6; i++) {
        HttpResponse<Buffer> r = from(strangerIp, wrong);
        assertThat(r.statusCode()).as(r.bodyAsString()).isIn(401, 423);
        compared += r.statusCode() == 401 ? 1 : 0;
      }
    }
    assertThat(compared).as("guesses compared in a day, whatever the sources (the owner's first login used one)")
      .isEqualTo(UNTRUSTED_PER_DAY - 1);
    assertError(from(TestApi.randomIp(), owner), 423, "ACCOUNT_LOCKED");

    HttpResponse<Buffer> trusted = from(TestApi.randomIp(), owner.copy().put("deviceToken", deviceToken));
    assertThat(trusted.statusCode()).as(trusted.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/api/v1/me", trusted.bodyAsJsonObject().getString("token")).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("another account's device token gives no trust: it is counted as the address")
  void foreignDeviceTokenGivesNoTrust() {
    String mine = registered();
    String victim = registered();
    String myDevice = api.post("/api/v1/auth/login", new JsonObject().put("phone", mine).put("password", PASSWORD))
      .bodyAsJsonObject().getString("deviceToken");
    JsonObject guess = new JsonObject().put("phone", victim).put("password", "Wr0ng#pass").put("deviceToken", myDevice);
    String ip = TestApi.randomIp();
    for (int i = 0; i < 5; i++) {
      assertError(from(ip, guess), 401, "INVALID_CREDENTIALS");
    }
    assertError(from(ip, guess), 423, "ACCOUNT_LOCKED");
  }

  @Test
  @DisplayName("change-password: 5 attempts per 15 minutes, counted before comparing; a wrong current password locks nothing else")
  void changePasswordLimited() {
    String phone = registered();
    JsonObject login = api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD))
      .bodyAsJsonObject();
    String token = login.getString("token");
    JsonObject wrong = new JsonObject().put("currentPassword", "Wr0ng#pass").put("newPassword", "N3w#Passw0rd");
    for (int i = 0; i < 5; i++) {
      assertError(api.post("/api/v1/auth/change-password", wrong, token), 400, "VALIDATION_FAILED");
    }
    assertError(api.post("/api/v1/auth/change-password", wrong.copy().put("currentPassword", PASSWORD), token),
      429, "RATE_LIMITED");
    assertThat(api.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD)
      .put("deviceToken", login.getString("deviceToken"))).statusCode()).as("login still open").isEqualTo(200);
  }

  private static String registered() {
    String phone = TestApi.randomPhone();
    assertThat(api.post("/api/v1/auth/register", TestApi.newUser(phone)).statusCode()).isEqualTo(201);
    return phone;
  }

  private static HttpResponse<Buffer> from(String ip, JsonObject body) {
    return api.client.post("/api/v1/auth/login").putHeader(TestApi.PROXY_HEADER, ip).sendJsonObject(body).await();
  }
}
