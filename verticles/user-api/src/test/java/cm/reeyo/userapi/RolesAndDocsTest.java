package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.IdentityRoutes;
import cm.reeyo.storage.Dynamo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.AuthFlowTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("User API: role guard on every identity route, and every route documented")
class RolesAndDocsTest {

  static TestApi api;
  static JwtCodec jwt;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    TestApi.deploy(vertx, TestApi.config(), 1, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      jwt = JwtCodec.fromConfig(vertx, api.config.getJsonObject("jwt"));
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("vendor, rider and admin tokens (of real, active accounts) get 403 on customer routes")
  void otherRoles() {
    Accounts accounts = new Accounts(Dynamo.acquire(api.vertx, api.config));
    for (AccountKind kind : new AccountKind[] {AccountKind.VENDOR, AccountKind.RIDER, AccountKind.ADMIN}) {
      String id = accounts.create(kind, new JsonObject()).await().getString(kind.idField());
      String token = jwt.sign(new JsonObject().put("sub", id).put("role", kind.role().name()).put("typ", "access"), 300);
      assertError(api.get("/api/v1/me", token), 403, "FORBIDDEN");
      assertError(api.patch("/api/v1/me", new JsonObject().put("firstName", "X"), token), 403, "FORBIDDEN");
      assertError(api.post("/api/v1/auth/logout", new JsonObject(), token), 403, "FORBIDDEN");
      assertError(api.post("/api/v1/auth/change-password", new JsonObject(), token), 403, "FORBIDDEN");
    }
    Dynamo.release(api.vertx);
  }

  @Test
  @DisplayName("every identity route mounted on the user API is in its OpenAPI document")
  void documented(Vertx vertx) {
    ApiFoundation foundation = ApiFoundation.create(vertx, api.config, "openapi/user-api.json");
    IdentityRoutes.mount(foundation, AccountKind.USER);
    JsonObject doc = foundation.openApi().load(vertx).await();
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("paths").fieldNames()).contains("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/me");
    assertThat(api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths").fieldNames())
      .contains("/api/v1/auth/verify-phone", "/api/v1/auth/resend-otp", "/api/v1/auth/change-password");
    foundation.close();
  }
}
