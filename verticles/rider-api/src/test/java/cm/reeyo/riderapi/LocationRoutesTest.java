package cm.reeyo.riderapi;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Rider API POST /api/v1/location (REST twin of the bridge's rider.v1.location)")
class LocationRoutesTest {

  private final List<Message<Object>> received = new CopyOnWriteArrayList<>();
  private WebClient http;
  private JwtCodec jwt;
  private ErrorCode failWith;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    int port = LocalRedis.Ports.free();
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), port);
    jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    vertx.eventBus().consumer(RealtimeAddresses.RIDER_LOCATION, msg -> {
      received.add(msg);
      if (failWith != null) {
        msg.fail(failWith.busCode(), "stand-in refusal");
      } else {
        msg.reply(new JsonObject().put("accepted", true).put("orders", 1));
      }
    }).completion()
      .compose(v -> vertx.deployVerticle(new RiderApiVerticle(), new DeploymentOptions().setConfig(config)))
      .compose(v -> {
        Accounts accounts = new Accounts(Dynamo.acquire(vertx, config));
        return accounts.create(AccountKind.RIDER, new JsonObject().put("riderId", "rider_1").put("approvalStatus", "APPROVED"))
          .compose(r -> accounts.create(AccountKind.USER, new JsonObject().put("userId", "user_1")))
          .andThen(r -> Dynamo.release(vertx));
      })
      .onComplete(ctx.succeedingThenComplete());
  }

  private String token(String id, String role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  private io.vertx.core.Future<HttpResponse<io.vertx.core.buffer.Buffer>> post(String token, JsonObject body) {
    var request = http.post("/api/v1/location");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body);
  }

  @Test
  @DisplayName("a rider's fix goes to rider.v1.location with the rider in the headers, and the consumer's answer comes back")
  void forwardsWithPrincipal(VertxTestContext ctx) {
    JsonObject fix = new JsonObject().put("lat", 4.05).put("lng", 9.7).put("heading", 180).put("speed", 3.2);
    post(token("rider_1", "RIDER"), fix).onComplete(ctx.succeeding(res -> ctx.verify(() -> {
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", true).put("orders", 1));
      assertThat(received).hasSize(1);
      assertThat(received.get(0).body()).isEqualTo(fix);
      assertThat(PrincipalHeaders.read(received.get(0).headers()).orElseThrow().id()).isEqualTo("rider_1");
      assertThat(PrincipalHeaders.read(received.get(0).headers()).orElseThrow().role().name()).isEqualTo("RIDER");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("no token is 401, a customer is 403, a bad body is 400 with details; nothing reaches the bus")
  void refusals(VertxTestContext ctx) {
    JsonObject fix = new JsonObject().put("lat", 4.05).put("lng", 9.7);
    post(null, fix)
      .compose(noToken -> {
        ctx.verify(() -> assertThat(noToken.statusCode()).isEqualTo(401));
        return post(token("user_1", "USER"), fix);
      })
      .compose(customer -> {
        ctx.verify(() -> assertThat(customer.statusCode()).isEqualTo(403));
        return post(token("rider_1", "RIDER"), new JsonObject().put("lat", 91).put("lng", "x").put("riderId", "rider_2"));
      })
      .onComplete(ctx.succeeding(bad -> ctx.verify(() -> {
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonObject error = bad.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(error.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")))
          .containsExactlyInAnyOrder("lat", "lng", "riderId");
        assertThat(received).isEmpty();
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("a rate-limited fix is 429 RATE_LIMITED, and the route is in the OpenAPI document")
  void rateLimitedAndDocumented(VertxTestContext ctx) {
    failWith = ErrorCode.RATE_LIMITED;
    post(token("rider_1", "RIDER"), new JsonObject().put("lat", 4.05).put("lng", 9.7))
      .compose(limited -> {
        ctx.verify(() -> {
          assertThat(limited.statusCode()).isEqualTo(429);
          assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("RATE_LIMITED");
        });
        return http.get("/openapi.json").send();
      })
      .onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
        JsonObject paths = doc.bodyAsJsonObject().getJsonObject("paths");
        assertThat(paths.getJsonObject("/api/v1/location").containsKey("post")).isTrue();
        assertThat(doc.bodyAsJsonObject().getJsonObject("components").getJsonObject("schemas").containsKey("RiderLocation")).isTrue();
        ctx.completeNow();
      })));
  }
}
