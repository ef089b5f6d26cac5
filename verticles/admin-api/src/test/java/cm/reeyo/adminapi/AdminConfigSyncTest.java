package cm.reeyo.adminapi;

import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.AdminBootstrap;
import cm.reeyo.identity.Sessions;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("Admin API: the configuration is the source of truth for admins")
class AdminConfigSyncTest {

  private static final String FIRST = "Reeyo#Admin2026";
  private static final String ROTATED = "Reeyo#Admin2027";

  @Test
  @DisplayName("a deployment whose configuration drops an admin deactivates it and ends its sessions; a rotated password ends the other's; admin refresh tokens live 12 h")
  void configIsTheTruth(Vertx vertx) {
    String ada = "ada" + System.nanoTime() + "@reeyo.dev";
    String bob = "bob" + System.nanoTime() + "@reeyo.dev";
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
    config.getJsonObject("rateLimits").put("login", new JsonObject().put("limit", 10_000));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getJsonObject("http").getInteger("port")));
    vertx.deployVerticle(AdminApiVerticle::new, new DeploymentOptions()
      .setConfig(config.copy().put("admins", new JsonArray().add(admin(ada, FIRST)).add(admin(bob, FIRST))))).await();
    JsonObject adaLogin = login(client, ada, FIRST).bodyAsJsonObject();
    JsonObject bobLogin = login(client, bob, FIRST).bodyAsJsonObject();
    assertThat(get(client, adaLogin.getString("token")).statusCode()).isEqualTo(200);

    Dynamo dynamo = Dynamo.acquire(vertx, config);
    Sessions sessions = new Sessions(dynamo, RedisStore.acquire(vertx, config).api(), 3600, 900);
    long expiresAt = sessions.lookup(adaLogin.getString("refreshToken")).await().orElseThrow().getLong("expiresAt");
    assertThat(expiresAt - Instant.now().getEpochSecond()).as("admin refresh lifetime").isBetween(12 * 3600L - 120, 12 * 3600L);

    vertx.deployVerticle(AdminApiVerticle::new, new DeploymentOptions()
      .setConfig(config.copy().put("admins", new JsonArray().add(admin(ada, ROTATED))))).await();

    assertThat(get(client, bobLogin.getString("token")).statusCode()).as("removed admin's token").isIn(401, 403);
    assertThat(login(client, bob, FIRST).statusCode()).as("removed admin's login").isEqualTo(403);
    assertThat(new Accounts(dynamo).get(AccountKind.ADMIN, AdminBootstrap.idFor(bob)).await().getString("status"))
      .isEqualTo(AdminBootstrap.DEACTIVATED);
    assertThat(refresh(client, bobLogin.getString("refreshToken")).statusCode()).isEqualTo(401);

    assertThat(get(client, adaLogin.getString("token")).statusCode()).as("rotated admin's old token").isEqualTo(401);
    assertThat(refresh(client, adaLogin.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(login(client, ada, FIRST).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> fresh = login(client, ada, ROTATED);
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(get(client, fresh.bodyAsJsonObject().getString("token")).statusCode()).isEqualTo(200);
  }

  private static JsonObject admin(String email, String password) {
    return new JsonObject().put("email", email).put("name", "Ops").put("password", password);
  }

  private static HttpResponse<Buffer> login(WebClient client, String email, String password) {
    return client.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", password)).await();
  }

  private static HttpResponse<Buffer> refresh(WebClient client, String refreshToken) {
    return client.post("/api/v1/auth/refresh").sendJsonObject(new JsonObject().put("refreshToken", refreshToken)).await();
  }

  private static HttpResponse<Buffer> get(WebClient client, String token) {
    return client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
  }
}
