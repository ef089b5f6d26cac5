package cm.reeyo.adminapi;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Console routes: static files with CSP, re-scaling through a node's address, riders online")
class ConsoleRoutesTest {

  private int port;
  private WebClient web;
  private String admin;
  private JsonObject config;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext test) {
    port = LocalRedis.Ports.free();
    config = TestConfig.withPort(TestConfig.fresh(), port)
      .put("console", new JsonObject().put("tileUrl", "https://tiles.example.cm/{z}/{x}/{y}.png").put("bridgePort", 4004));
    admin = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"))
      .sign(new JsonObject().put("sub", "a-1").put("role", "ADMIN").put("typ", "access"), 600);
    web = WebClient.create(vertx);
    vertx.deployVerticle(AdminApiVerticle::new, new DeploymentOptions().setConfig(config))
      .compose(id -> new Accounts(Dynamo.acquire(vertx, config)).create(AccountKind.ADMIN, new JsonObject().put("adminId", "a-1"))
        .andThen(done -> Dynamo.release(vertx)))
      .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("/console/ serves index.html with a CSP naming the bridge and the tile server; config.json tells where the bridge is")
  void staticFiles(Vertx vertx, VertxTestContext test) {
    web.get(port, "127.0.0.1", "/console/").send()
      .compose(page -> {
        test.verify(() -> {
          assertThat(page.statusCode()).isEqualTo(200);
          assertThat(page.bodyAsString()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
          assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'",
            "connect-src 'self' http://127.0.0.1:4004 ws://127.0.0.1:4004", "img-src 'self' data: https://tiles.example.cm");
          assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        });
        return web.get(port, "127.0.0.1", "/console/config.json").send();
      })
      .compose(conf -> {
        test.verify(() -> assertThat(conf.bodyAsJsonObject().getString("bridgeUrl")).isEqualTo("http://127.0.0.1:4004"));
        return web.get(port, "127.0.0.1", "/console").followRedirects(false).send();
      })
      .compose(redirect -> {
        test.verify(() -> assertThat(redirect.getHeader("Location")).isEqualTo("/console/"));
        return web.get(port, "127.0.0.1", "/console/../openapi/admin-api.json").send();
      })
      .onComplete(test.succeeding(escape -> test.verify(() -> {
        assertThat(escape.bodyAsString()).doesNotContain("\"openapi\"");
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("PUT instances: the node's address gets {verticle, instances}; 404 for a node nobody answers for; 400 for a bad body")
  void scale(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(OpsAddresses.nodeScale("node-1"), m -> m.reply(new JsonObject()
      .put("nodeId", "node-1").put("verticle", m.body().getString("verticle")).put("instances", m.body().getInteger("instances"))
      .put("previous", 1)));
    String path = "/api/v1/cluster/nodes/node-1/instances";
    web.put(port, "127.0.0.1", path).bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("verticle", "user-api").put("instances", 3))
      .compose(ok -> {
        test.verify(() -> {
          assertThat(ok.statusCode()).isEqualTo(200);
          assertThat(ok.bodyAsJsonObject().getInteger("instances")).isEqualTo(3);
        });
        return web.put(port, "127.0.0.1", "/api/v1/cluster/nodes/nobody/instances").bearerTokenAuthentication(admin)
          .sendJsonObject(new JsonObject().put("verticle", "user-api").put("instances", 3));
      })
      .compose(missing -> {
        test.verify(() -> assertThat(missing.statusCode()).isEqualTo(404));
        return web.put(port, "127.0.0.1", path).bearerTokenAuthentication(admin)
          .sendJsonObject(new JsonObject().put("verticle", "User API").put("instances", 0).put("extra", true));
      })
      .onComplete(test.succeeding(bad -> test.verify(() -> {
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getJsonObject("error").getJsonArray("details")).hasSize(3);
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("riders online: each rider of the GEO set with its position and last-seen time")
  void ridersOnline(Vertx vertx, VertxTestContext test) {
    var redis = RedisStore.acquire(vertx, config).api();
    redis.del(List.of(RedisKeys.RIDERS_ONLINE, RedisKeys.RIDERS_LAST_SEEN))
      .compose(v -> redis.geoadd(List.of(RedisKeys.RIDERS_ONLINE, "9.7679", "4.0601", "rider-a")))
      .compose(v -> redis.zadd(List.of(RedisKeys.RIDERS_LAST_SEEN, "1767225600000", "rider-a")))
      .compose(v -> web.get(port, "127.0.0.1", "/api/v1/ops/riders/online").bearerTokenAuthentication(admin).send())
      .onComplete(test.succeeding(r -> test.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject rider = r.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
        assertThat(rider.getString("riderId")).isEqualTo("rider-a");
        assertThat(rider.getDouble("lat")).isCloseTo(4.0601, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(rider.getString("lastSeenAt")).isEqualTo("2026-01-01T00:00:00Z");
        RedisStore.release(vertx);
        test.completeNow();
      })));
  }
}
