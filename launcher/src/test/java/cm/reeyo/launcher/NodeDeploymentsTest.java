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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NodeDeploymentsTest {

  /** Counts its running instances. */
  static final class Counted extends VerticleBase {
    private final AtomicInteger live;

    Counted(AtomicInteger live) {
      this.live = live;
    }

    @Override
    public Future<?> start() {
      live.incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      live.decrementAndGet();
      return Future.succeededFuture();
    }
  }

  private final AtomicInteger alpha = new AtomicInteger();
  private final AtomicInteger beta = new AtomicInteger();
  private final AtomicInteger broken = new AtomicInteger();
  private final VerticleRegistry registry = new VerticleRegistry()
    .register("alpha", () -> new Counted(alpha))
    .register("beta", () -> new Counted(beta))
    .register("broken", () -> broken.incrementAndGet() > 1 ? new NodeDeployerTest.BrokenVerticle()
      : new Counted(new AtomicInteger()));

  private static JsonObject plan(Map<String, Integer> counts) {
    JsonObject verticles = new JsonObject();
    counts.forEach((name, n) -> verticles.put(name, new JsonObject().put("instances", n)));
    return new JsonObject().put("mode", "dev").put("deploy", new JsonArray(List.copyOf(counts.keySet())))
      .put("verticles", verticles);
  }

  @Test
  @DisplayName("converging adds, re-counts and removes verticles; an unchanged verticle is left alone")
  void convergesToEachPlan(Vertx vertx, VertxTestContext test) {
    NodeDeployments node = new NodeDeployments(vertx, registry);
    node.converge(plan(Map.of("alpha", 1)))
      .compose(changes -> {
        test.verify(() -> assertThat(changes).containsExactly("alpha +1"));
        return node.converge(new JsonObject().put("mode", "dev").put("deploy", new JsonArray().add("alpha").add("beta"))
          .put("verticles", new JsonObject().put("alpha", new JsonObject().put("instances", 3))
            .put("beta", new JsonObject().put("instances", 2))));
      })
      .compose(changes -> {
        test.verify(() -> {
          assertThat(changes).containsExactly("alpha 1->3", "beta +2");
          assertThat(alpha.get()).isEqualTo(3);
          assertThat(beta.get()).isEqualTo(2);
          assertThat(vertx.deploymentIDs()).hasSize(2);
        });
        return node.converge(plan(Map.of("beta", 2)));
      })
      .onComplete(test.succeeding(changes -> test.verify(() -> {
        assertThat(changes).containsExactly("alpha removed");
        assertThat(alpha.get()).isZero();
        assertThat(beta.get()).isEqualTo(2);
        assertThat(node.instances()).isEqualTo(Map.of("beta", 2));
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("when the new deployment fails to start, the old one keeps running and the failure is reported")
  void failedRedeployKeepsOld(Vertx vertx, VertxTestContext test) {
    NodeDeployments node = new NodeDeployments(vertx, registry);
    node.converge(plan(Map.of("broken", 1)))
      .compose(first -> node.converge(plan(Map.of("broken", 2))))
      .onComplete(test.failing(e -> test.verify(() -> {
        assertThat(e).hasMessageContaining("broken");
        assertThat(node.instances()).isEqualTo(Map.of("broken", 1));
        assertThat(vertx.deploymentIDs()).hasSize(1);
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("an invalid plan is refused before anything changes")
  void invalidPlanRefused(Vertx vertx, VertxTestContext test) {
    NodeDeployments node = new NodeDeployments(vertx, registry);
    node.converge(plan(Map.of("alpha", 2)))
      .compose(first -> node.converge(plan(Map.of("alpha", -1))))
      .onComplete(test.failing(e -> test.verify(() -> {
        assertThat(e).isInstanceOf(ConfigException.class).hasMessageContaining("instances");
        assertThat(alpha.get()).isEqualTo(2);
        test.completeNow();
      })));
  }
}
