package cm.reeyo.adminapi;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /api/v1/cluster")
class ClusterRoutesTest {

  private int port;
  private WebClient web;
  private String admin;
  private String user;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext test) {
    port = LocalRedis.Ports.free();
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), port);
    JwtCodec jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    admin = jwt.sign(new JsonObject().put("sub", "a-1").put("role", "ADMIN").put("typ", "access"), 600);
    user = jwt.sign(new JsonObject().put("sub", "u-1").put("role", "USER").put("typ", "access"), 600);
    web = WebClient.create(vertx);
    vertx.deployVerticle(AdminApiVerticle::new, new DeploymentOptions().setConfig(config))
      .compose(id -> {
        Accounts accounts = new Accounts(Dynamo.acquire(vertx, config));
        return accounts.create(AccountKind.ADMIN, new JsonObject().put("adminId", "a-1"))
          .compose(a -> accounts.create(AccountKind.USER, new JsonObject().put("userId", "u-1")))
          .andThen(done -> Dynamo.release(vertx));
      })
      .onComplete(test.succeedingThenComplete());
  }

  private static JsonObject heartbeat(String nodeId, String name, boolean leaving) {
    return new JsonObject().put("nodeId", nodeId).put("name", name).put("profile", "edge")
      .put("verticles", new JsonObject().put("user-api", 2)).put("startedAt", "2026-01-01T00:00:00Z")
      .put("uptimeSeconds", 12).put("load", new JsonObject().put("cpu", 0.1).put("heapUsedMb", 80))
      .put("leaving", leaving);
  }

  private Future<JsonArray> view() {
    return web.get(port, "127.0.0.1", "/api/v1/cluster").bearerTokenAuthentication(admin).send()
      .map(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("nodes");
      });
  }

  @Test
  @DisplayName("lists the nodes heard on the bus with their verticles; a node that leaves disappears")
  void nodesFromHeartbeats(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().publish(OpsAddresses.NODE_HEARTBEAT, heartbeat("n-2", "edge-b", false));
    vertx.eventBus().publish(OpsAddresses.NODE_HEARTBEAT, heartbeat("n-1", "edge-a", false));
    vertx.timer(200).compose(v -> view())
      .compose(nodes -> {
        test.verify(() -> {
          assertThat(nodes).hasSize(2);
          assertThat(nodes.getJsonObject(0).getString("name")).isEqualTo("edge-a");
          assertThat(nodes.getJsonObject(0).getJsonObject("verticles").getInteger("user-api")).isEqualTo(2);
          assertThat(nodes.getJsonObject(0).getString("lastSeenAt")).isNotBlank();
        });
        vertx.eventBus().publish(OpsAddresses.NODE_HEARTBEAT, heartbeat("n-1", "edge-a", true));
        return vertx.timer(200).compose(v -> view());
      })
      .onComplete(test.succeeding(nodes -> test.verify(() -> {
        assertThat(nodes).hasSize(1);
        assertThat(nodes.getJsonObject(0).getString("nodeId")).isEqualTo("n-2");
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("only admins: 401 without a token, 403 for another role; the route is documented")
  void adminsOnly(Vertx vertx, VertxTestContext test) {
    web.get(port, "127.0.0.1", "/api/v1/cluster").send()
      .compose(r -> {
        test.verify(() -> assertThat(r.statusCode()).isEqualTo(401));
        return web.get(port, "127.0.0.1", "/api/v1/cluster").bearerTokenAuthentication(user).send();
      })
      .compose(r -> {
        test.verify(() -> assertThat(r.statusCode()).isEqualTo(403));
        return web.get(port, "127.0.0.1", "/openapi.json").send();
      })
      .onComplete(test.succeeding(r -> test.verify(() -> {
        JsonObject doc = r.bodyAsJsonObject();
        assertThat(doc.getJsonObject("paths").getJsonObject("/api/v1/cluster").containsKey("get")).isTrue();
        assertThat(doc.getJsonObject("components").getJsonObject("schemas").containsKey("ClusterNode")).isTrue();
        test.completeNow();
      })));
  }
}
