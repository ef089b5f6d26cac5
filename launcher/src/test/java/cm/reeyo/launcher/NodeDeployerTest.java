package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NodeDeployerTest {

  /** Records the config of every instance that starts. */
  static final class RecordingVerticle extends VerticleBase {
    private final ConcurrentLinkedQueue<JsonObject> started;

    RecordingVerticle(ConcurrentLinkedQueue<JsonObject> started) {
      this.started = started;
    }

    @Override
    public Future<?> start() {
      started.add(config());
      return Future.succeededFuture();
    }
  }

  /** Fails to start. */
  static final class BrokenVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      return Future.failedFuture("port in use");
    }
  }

  private final ConcurrentLinkedQueue<JsonObject> started = new ConcurrentLinkedQueue<>();
  private final VerticleRegistry registry = new VerticleRegistry()
    .register("recorder", () -> new RecordingVerticle(started))
    .register("idle", () -> new RecordingVerticle(new ConcurrentLinkedQueue<>()))
    .register("broken", BrokenVerticle::new);

  private static JsonObject config(int instances, Map<String, String> env) {
    JsonObject defaults = new JsonObject()
      .put("mode", "dev")
      .put("redis", new JsonObject().put("url", "redis://127.0.0.1:6379"))
      .put("http", new JsonObject().put("bodyLimitBytes", 65536))
      .put("tcpBridge", new JsonObject().put("port", 7000))
      .put("verticles", new JsonObject()
        .put("recorder", new JsonObject().put("instances", 1)
          .put("config", new JsonObject().put("http", new JsonObject().put("port", 3001))))
        .put("idle", new JsonObject().put("instances", 1)));
    JsonObject profile = new JsonObject().put("deploy", new JsonArray().add("recorder").add("idle"))
      .put("verticles", new JsonObject().put("recorder", new JsonObject().put("instances", instances)));
    return LauncherConfig.merge(defaults, new JsonObject(), profile, env);
  }

  @Test
  @DisplayName("the profile's instance count decides how many instances deploy, and a change changes it")
  void instanceCountFollowsProfile(Vertx vertx, VertxTestContext test) {
    NodeDeployer.deploy(vertx, config(3, Map.of()), registry)
      .compose(first -> {
        test.verify(() -> {
          assertThat(started).hasSize(3);
          assertThat(first).extracting(d -> d.planned().instances()).containsExactly(3, 1);
          assertThat(vertx.deploymentIDs()).hasSize(2);
        });
        return Future.all(first.stream().map(d -> vertx.undeploy(d.deploymentId())).toList());
      })
      .compose(v -> {
        started.clear();
        return NodeDeployer.deploy(vertx, config(5, Map.of()), registry);
      })
      .compose(second -> {
        test.verify(() -> assertThat(started).hasSize(5));
        return Future.all(second.stream().map(d -> vertx.undeploy(d.deploymentId())).toList());
      })
      .compose(v -> {
        started.clear();
        return NodeDeployer.deploy(vertx, config(5, Map.of("REEYO_VERTICLES__RECORDER__INSTANCES", "2")), registry);
      })
      .onComplete(test.succeeding(third -> test.verify(() -> {
        assertThat(started).hasSize(2);
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("each instance gets the global config merged with its slice, port offset applied; 0 skips it")
  void slicesAndOffset(Vertx vertx, VertxTestContext test) {
    JsonObject config = config(2, Map.of("REEYO_NODE__PORT_OFFSET", "100", "REEYO_VERTICLES__IDLE__INSTANCES", "0"));
    NodeDeployer.deploy(vertx, config, registry).onComplete(test.succeeding(deployed -> test.verify(() -> {
      assertThat(deployed).extracting(d -> d.planned().name()).containsExactly("recorder");
      assertThat(deployed.get(0).planned().httpPort()).isEqualTo(3101);
      assertThat(started).hasSize(2).allSatisfy(slice -> {
        assertThat(slice.getJsonObject("http").getInteger("port")).isEqualTo(3101);
        assertThat(slice.getJsonObject("tcpBridge").getInteger("port")).isEqualTo(7100);
        assertThat(slice.getJsonObject("http").getInteger("bodyLimitBytes")).isEqualTo(65536);
        assertThat(slice.getJsonObject("redis").getString("url")).isEqualTo("redis://127.0.0.1:6379");
        assertThat(slice.containsKey("verticles")).isFalse();
      });
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a verticle that fails to start fails the node's deployment and names the verticle")
  void failureNamesVerticle(Vertx vertx, VertxTestContext test) {
    JsonObject config = new JsonObject().put("mode", "dev").put("deploy", new JsonArray(List.of("broken")));
    NodeDeployer.deploy(vertx, config, registry).onComplete(test.failing(e -> test.verify(() -> {
      assertThat(e).hasMessageContaining("broken").hasMessageContaining("port in use");
      test.completeNow();
    })));
  }
}
