package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.userapi.UserApiVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node (the launcher's deployment and config watcher, the real user-api) under steady HTTP load while its
 * profile file changes: instances are counted by the verticles themselves as they start and stop.
 */
class HotRescaleTest {

  /** The real user-api, counting its running instances. */
  static final class CountedUserApi extends UserApiVerticle {
    static final AtomicInteger LIVE = new AtomicInteger();

    @Override
    public Future<?> start() {
      return super.start().andThen(r -> {
        if (r.succeeded()) {
          LIVE.incrementAndGet();
        }
      });
    }

    @Override
    public Future<?> stop() {
      return super.stop().andThen(r -> LIVE.decrementAndGet());
    }
  }

  private static final long CONVERGE_LIMIT_MS = 5_000;

  @TempDir
  Path conf;
  private Vertx vertx;
  private SteadyLoad load;

  @AfterEach
  void stop() throws Exception {
    if (load != null) {
      load.stop();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(60)
  @DisplayName("user-api 1 -> 4 -> 2 in the profile file: the node converges within 5 s each time, no request fails;"
    + " a broken file is refused and the node keeps running")
  void rescalesUnderLoad() throws Exception {
    int port = LocalRedis.Ports.free();
    JsonObject defaults = TestConfig.fresh();
    defaults.getJsonObject("dynamodb").put("createTables", false);
    defaults.getJsonObject("http").put("closeLingerMs", 500);
    defaults.put("verticles", new JsonObject().put("user-api", new JsonObject().put("instances", 1)
      .put("config", new JsonObject().put("http", new JsonObject().put("port", port)))));
    Files.createDirectories(conf.resolve("nodes"));
    Files.writeString(conf.resolve("default.json"), defaults.encodePrettily());
    writeProfile(1);

    ConfigSource source = new ConfigSource(conf, "test", null, Map.of(), null, "rescale-node");
    vertx = Vertx.vertx();
    JsonObject config = get(source.load(vertx));
    get(Main.warmSharedClients(vertx, config));
    NodeDeployments deployments = new NodeDeployments(vertx,
      VerticleRegistry.defaults().register("user-api", CountedUserApi::new));
    get(deployments.converge(config));
    get(vertx.deployVerticle(new ConfigWatcher(source, deployments, config),
      new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    assertThat(CountedUserApi.LIVE.get()).isEqualTo(1);

    load = new SteadyLoad(port, "/health", 8).start(8);
    Thread.sleep(1_000);
    for (int target : new int[] {4, 2}) {
      long changedAt = System.nanoTime();
      writeProfile(target);
      long tookMs = awaitInstances(deployments, target);
      System.out.printf("rescale test: %d instances after %d ms%n", target, tookMs);
      assertThat(tookMs).as("converged to %d instances", target).isLessThanOrEqualTo(CONVERGE_LIMIT_MS);
      Thread.sleep(1_500);
      assertThat(CountedUserApi.LIVE.get()).as("stays at %d", target).isEqualTo(target);
      long during = load.outcomes().stream().filter(o -> o.startedNanos() >= changedAt
        && o.startedNanos() <= changedAt + TimeUnit.MILLISECONDS.toNanos(tookMs)).count();
      assertThat(during).as("requests were sent while converging to %d", target).isGreaterThan(20);
    }

    Files.writeString(conf.resolve("nodes").resolve("test.json"), "{\"deploy\": [\"user-api\"], \"verticles\": ");
    Thread.sleep(2_500);
    assertThat(CountedUserApi.LIVE.get()).as("a broken profile changes nothing").isEqualTo(2);
    assertThat(deployments.instances()).isEqualTo(Map.of("user-api", 2));

    load.stop();
    long answered = load.count(200);
    System.out.printf("rescale test: %d requests answered 200, %d failed%n", answered, load.failures(200).size());
    assertThat(load.failures(200)).as("no request fails while re-scaling").isEmpty();
    assertThat(answered).as("the load really ran").isGreaterThan(200);
    load = null;
  }

  private void writeProfile(int instances) throws Exception {
    JsonObject profile = new JsonObject().put("deploy", new JsonArray().add("user-api"))
      .put("verticles", new JsonObject().put("user-api", new JsonObject().put("instances", instances)));
    Path file = conf.resolve("nodes").resolve("test.json");
    Path tmp = conf.resolve("nodes").resolve("test.json.tmp");
    Files.writeString(tmp, profile.encodePrettily());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static long awaitInstances(NodeDeployments deployments, int target) throws InterruptedException {
    long started = System.nanoTime();
    while (elapsedMs(started) < CONVERGE_LIMIT_MS * 3) {
      if (CountedUserApi.LIVE.get() == target && deployments.instances().equals(Map.of("user-api", target))) {
        return elapsedMs(started);
      }
      Thread.sleep(20);
    }
    return elapsedMs(started);
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
