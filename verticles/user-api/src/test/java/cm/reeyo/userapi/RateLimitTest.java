package cm.reeyo.userapi;

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

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Rate limits shared through Redis by two instances of the user API on one port (429 + Retry-After)")
class RateLimitTest {

  static TestApi api;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = TestApi.config();
    JsonObject limits = config.getJsonObject("rateLimits");
    limits.put("global", new JsonObject().put("limit", 8).put("windowSeconds", 900));
    limits.put("login", new JsonObject().put("limit", 3).put("windowSeconds", 900));
    limits.put("register", new JsonObject().put("limit", 2).put("windowSeconds", 3600));
    limits.put("otp", new JsonObject().put("limit", 2).put("windowSeconds", 900));
    TestApi.deploy(vertx, config, 2, false).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      ctx.completeNow();
    }));
  }

  @BeforeEach
  void ownClientIp() {
    api.ip = TestApi.randomIp();
  }

  static void assertLimited(HttpResponse<Buffer> r, long maxWindow) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(429);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, maxWindow);
  }

  @Test
  @DisplayName("login: the 4th attempt from one IP in the window is refused, whatever instance answers; another IP is not")
  void login() {
    JsonObject body = new JsonObject().put("phone", TestApi.randomPhone()).put("password", "Wr0ng#pass");
    for (int i = 0; i < 3; i++) {
      assertThat(api.post("/api/v1/auth/login", body).statusCode()).isEqualTo(401);
    }
    assertLimited(api.post("/api/v1/auth/login", body), 900);
    api.ip = TestApi.randomIp();
    assertThat(api.post("/api/v1/auth/login", body).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("registration: the 3rd attempt from one IP within the hour is refused; registering works without a notifier")
  void register() {
    assertThat(api.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone())).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/auth/register", new JsonObject()).statusCode()).isEqualTo(400);
    assertLimited(api.post("/api/v1/auth/register", TestApi.newUser(TestApi.randomPhone())), 3600);
  }

  @Test
  @DisplayName("OTP re-sends: the 3rd for one phone is refused even from different IPs")
  void otp() {
    JsonObject body = new JsonObject().put("phone", TestApi.randomPhone());
    for (int i = 0; i < 2; i++) {
      api.ip = TestApi.randomIp();
      assertThat(api.post("/api/v1/auth/resend-otp", body).statusCode()).isEqualTo(202);
    }
    api.ip = TestApi.randomIp();
    assertLimited(api.post("/api/v1/auth/resend-otp", body), 900);
  }

  @Test
  @DisplayName("global: the 9th API request from one IP is refused, on any route under /api")
  void global() {
    for (int i = 0; i < 8; i++) {
      assertThat(api.get("/api/v1/me", null).statusCode()).isEqualTo(401);
    }
    assertLimited(api.get("/api/v1/me", null), 900);
    assertThat(api.get("/health", null).statusCode()).as("health is outside /api").isEqualTo(200);
  }
}
