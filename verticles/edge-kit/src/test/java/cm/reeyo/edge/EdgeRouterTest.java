package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("HTTP edge pipeline")
class EdgeRouterTest {

  static final String SECRET = "edge-test-secret-edge-test-secret-0001";
  JwtCodec jwt;
  WebClient client;
  int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    jwt = new JwtCodec(vertx, SECRET, "reeyo", "reeyo-apps", Clock.systemUTC());
    JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 0).put("bodyLimitBytes", 1024)
      .put("cors", new JsonObject().put("origins", new io.vertx.core.json.JsonArray().add("https://app.reeyo.cm"))));
    RateLimiter limiter = new RateLimiter(RedisAPI.api(Redis.createClient(vertx, LocalRedis.connectionString())));
    String scope = UUID.randomUUID().toString();
    Readiness readiness = new Readiness().check("always", () -> Future.succeededFuture());
    Router router = EdgeRouter.create(vertx, config, readiness, new OpenApiDoc("test-openapi.json"));
    router.post("/api/v1/echo").handler(new JsonBody()).handler(rc -> {
      JsonCheck check = JsonCheck.of(JsonBody.of(rc)).allowOnly("name", "count");
      String name = check.string("name", 1, 10);
      Long count = check.integer("count", 1, 50);
      check.done();
      Responses.ok(rc, new JsonObject().put("name", name).put("count", count));
    });
    router.get("/api/v1/admin-only").handler(new AuthHandler(jwt, SessionCheck.none()))
      .handler(RoleGuard.only(Role.ADMIN)).handler(rc -> Responses.ok(rc, new JsonObject().put("ok", true)));
    router.get("/api/v1/limited").handler(new RateLimit(limiter, "t-" + scope, 3, 60, rc -> "ip"))
      .handler(rc -> Responses.ok(rc, new JsonObject()));
    router.get("/api/v1/bus").handler(rc -> rc.fail(ErrorCode.INSUFFICIENT_FUNDS.exception("not enough")));
    EdgeRouter.listen(vertx, router, config).onComplete(ctx.succeeding(server -> {
      port = server.actualPort();
      client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
      ctx.completeNow();
    }));
  }

  static void assertError(HttpResponse<Buffer> r, int status, ErrorCode code) {
    assertThat(r.statusCode()).isEqualTo(status);
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(code.name());
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getJsonArray("details")).isNotNull();
  }

  @Test
  @DisplayName("malformed JSON, wrong types, unknown fields, 404, 405 and 413 all answer the error shape")
  void badInput(VertxTestContext ctx) {
    client.post("/api/v1/echo").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\":"))
      .compose(r -> {
        assertError(r, 400, ErrorCode.MALFORMED_JSON);
        return client.post("/api/v1/echo").sendJsonObject(new JsonObject().put("name", 12).put("count", "x").put("role", "ADMIN"));
      })
      .compose(r -> {
        assertError(r, 400, ErrorCode.VALIDATION_FAILED);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getJsonArray("details")).hasSize(3);
        return client.get("/nope").send();
      })
      .compose(r -> {
        assertError(r, 404, ErrorCode.NOT_FOUND);
        return client.request(HttpMethod.DELETE, "/api/v1/echo").send();
      })
      .compose(r -> {
        assertError(r, 405, ErrorCode.METHOD_NOT_ALLOWED);
        return client.post("/api/v1/echo").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"name\":\"" + "x".repeat(2000) + "\"}"));
      })
      .compose(r -> {
        assertError(r, 413, ErrorCode.PAYLOAD_TOO_LARGE);
        return client.post("/api/v1/echo").sendJsonObject(new JsonObject().put("name", "ok").put("count", 2));
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getLong("count")).isEqualTo(2L);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("security headers, request id, health, readiness and the OpenAPI document are served")
  void frontMatter(VertxTestContext ctx) {
    client.get("/health").putHeader("X-Request-Id", "abcdef123456").send()
      .compose(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Strict-Transport-Security")).contains("max-age");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getHeader("X-Request-Id")).isEqualTo("abcdef123456");
        return client.get("/ready").send();
      })
      .compose(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getJsonObject("checks").getString("always")).isEqualTo("UP");
        return client.get("/openapi.json").send();
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.bodyAsJsonObject().getString("openapi")).startsWith("3.");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("no token, a refresh token and the wrong role are refused; an admin token passes")
  void authAndRoles(VertxTestContext ctx) {
    String userToken = jwt.sign(new JsonObject().put("sub", "u1").put("role", "USER").put("typ", "access"), 60);
    String refresh = jwt.sign(new JsonObject().put("sub", "a1").put("role", "ADMIN").put("typ", "refresh"), 60);
    String admin = jwt.sign(new JsonObject().put("sub", "a1").put("role", "ADMIN").put("typ", "access"), 60);
    client.get("/api/v1/admin-only").send()
      .compose(r -> {
        assertError(r, 401, ErrorCode.UNAUTHORIZED);
        return client.get("/api/v1/admin-only").bearerTokenAuthentication(refresh).send();
      })
      .compose(r -> {
        assertError(r, 401, ErrorCode.UNAUTHORIZED);
        return client.get("/api/v1/admin-only").bearerTokenAuthentication(userToken).send();
      })
      .compose(r -> {
        assertError(r, 403, ErrorCode.FORBIDDEN);
        return client.get("/api/v1/admin-only").bearerTokenAuthentication(admin).send();
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("the fourth hit within the window is 429 with Retry-After; bus codes map to statuses")
  void rateLimitAndBusCodes(VertxTestContext ctx) {
    client.get("/api/v1/limited").send()
      .compose(r -> client.get("/api/v1/limited").send())
      .compose(r -> client.get("/api/v1/limited").send())
      .compose(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        return client.get("/api/v1/limited").send();
      })
      .compose(r -> {
        assertError(r, 429, ErrorCode.RATE_LIMITED);
        assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 60L);
        return client.get("/api/v1/bus").send();
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertError(r, 422, ErrorCode.INSUFFICIENT_FUNDS);
        ctx.completeNow();
      })));
  }
}
