package cm.reeyo.userapi;

import io.vertx.core.Future;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.RateLimitTest.assertLimited;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API budget is per account for authenticated requests and per address only for anonymous ones: an app's normal
 * burst from behind a shared address passes, anonymous traffic from that address is still cut off, and an account that
 * spends its own budget is refused wherever it comes from.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("Rate limits: per account when authenticated (higher budget), per address when anonymous")
class AccountRateLimitTest {

  private static final int ACCOUNT_LIMIT = 310;
  private static final int ADDRESS_LIMIT = 20;
  static TestApi api;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = TestApi.config();
    JsonObject limits = config.getJsonObject("rateLimits");
    limits.put("global", new JsonObject().put("limit", ADDRESS_LIMIT).put("windowSeconds", 900));
    limits.put("account", new JsonObject().put("limit", ACCOUNT_LIMIT).put("windowSeconds", 900));
    TestApi.deploy(vertx, config, 2, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      ctx.completeNow();
    }));
  }

  @BeforeEach
  void ownClientIp() {
    api.ip = TestApi.randomIp();
  }

  @Test
  @DisplayName("300 authenticated requests in a burst from one address pass; that address's anonymous requests are then cut off at its own budget (429, Retry-After, error shape)")
  void burstPassesAnonymousAbuseDoesNot() {
    String token = api.verifiedUser().getString("token");
    List<HttpResponse<Buffer>> burst = burst(token, 300);
    assertThat(burst).as("a normal burst of the app").allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
    int anonymous = 0;
    HttpResponse<Buffer> r;
    do {
      r = api.get("/api/v1/me", null);
      anonymous++;
    } while (r.statusCode() == 401 && anonymous < ADDRESS_LIMIT + 5);
    assertLimited(r, 900);
    assertThat(anonymous).as("anonymous requests before the cut (registration and login spent 3)").isLessThanOrEqualTo(ADDRESS_LIMIT - 2);
    assertThat(api.get("/api/v1/me", token).statusCode()).as("the account still has budget").isEqualTo(200);
  }

  @Test
  @DisplayName("an account that spends its budget is refused from any address; an expired or forged token counts as anonymous")
  void accountBudget() {
    String token = api.verifiedUser().getString("token");
    burst(token, ACCOUNT_LIMIT);
    api.ip = TestApi.randomIp();
    assertLimited(api.get("/api/v1/me", token), 900);
    api.ip = TestApi.randomIp();
    for (int i = 0; i < ADDRESS_LIMIT; i++) {
      assertThat(api.get("/api/v1/me", token + "x").statusCode()).isEqualTo(401);
    }
    assertLimited(api.get("/api/v1/me", token + "x"), 900);
  }

  /** {@code n} concurrent GET /api/v1/me with the token, from the current address. */
  private static List<HttpResponse<Buffer>> burst(String token, int n) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sent.add(api.client.get("/api/v1/me").putHeader(TestApi.PROXY_HEADER, api.ip)
        .putHeader("Authorization", "Bearer " + token).send());
    }
    return Future.all(sent).await().list();
  }
}
