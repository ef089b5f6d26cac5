package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two cluster nodes in two JVMs, joined the way the launcher joins ({@link ClusterNode}): a request by address
 * crosses nodes, and once the responder's process is killed callers fail fast instead of hanging.
 */
class ClusterRequestReplyTest {

  private static final String ADDRESS = "test.v1.echo";
  private static final long SEND_TIMEOUT_MS = 3_000;
  private static final long WARM_UP_TIMEOUT_MS = 10_000;

  private Process responder;
  private Vertx caller;

  @AfterEach
  void stop() throws Exception {
    if (responder != null) {
      responder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (caller != null) {
      caller.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(180)
  @DisplayName("a request crosses JVMs by address; after kill -9 of the responder callers fail fast, not hang")
  void requestReplyAcrossNodesThenFailFast() throws Exception {
    String cluster = "reeyo-test-" + UUID.randomUUID();
    int callerPort = LocalRedis.Ports.free();
    int responderPort = LocalRedis.Ports.free();
    String members = "127.0.0.1:" + callerPort + ",127.0.0.1:" + responderPort;
    long startedAt = System.nanoTime();
    responder = startResponder(cluster, responderPort, members);
    String pid = awaitReadyLine(responder).get(90, TimeUnit.SECONDS);
    System.out.printf("cluster test: responder ready after %d ms%n", elapsedMs(startedAt));
    var callerConfig = ClusterTestNode.clusterConfig(cluster, callerPort, members);
    HazelcastClusterManager manager = ClusterNode.manager(callerConfig);
    caller = get(ClusterNode.start(callerConfig, manager), 90_000);
    System.out.printf("cluster test: caller joined after %d ms%n", elapsedMs(startedAt));

    long firstAt = System.nanoTime();
    String reply = firstReply();
    System.out.printf("cluster test: first cross-node reply after %d ms%n", elapsedMs(firstAt));
    assertThat(reply).isEqualTo("pong from " + responder.pid()).endsWith(pid);

    awaitClusterSafe(manager);
    responder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long killedAt = System.nanoTime();
    ReplyFailure last = null;
    long lastDurationMs = 0;
    while (last != ReplyFailure.NO_HANDLERS && elapsedMs(killedAt) < 20_000) {
      long sentAt = System.nanoTime();
      Throwable failure = failureOf(request());
      lastDurationMs = elapsedMs(sentAt);
      assertThat(failure).as("a request to a dead node must fail").isInstanceOf(ReplyException.class);
      last = ((ReplyException) failure).failureType();
      System.out.printf("cluster test: +%d ms after kill: %s in %d ms%n", elapsedMs(killedAt), last, lastDurationMs);
      assertThat(last).isIn(ReplyFailure.NO_HANDLERS, ReplyFailure.TIMEOUT);
      assertThat(lastDurationMs).as("bounded by the send timeout").isLessThanOrEqualTo(SEND_TIMEOUT_MS + 3_000);
    }
    System.out.printf("cluster test: NO_HANDLERS %d ms after kill, last request failed in %d ms%n",
      elapsedMs(killedAt), lastDurationMs);
    assertThat(last).as("callers see NO_HANDLERS once the node is gone").isEqualTo(ReplyFailure.NO_HANDLERS);
    assertThat(lastDurationMs).as("NO_HANDLERS is immediate").isLessThan(1_000);
    assertThat(elapsedMs(killedAt)).as("the dead node is noticed quickly").isLessThan(15_000);
  }

  /**
   * Waits until every partition has its backup: a member killed before that takes the only copy of some
   * subscriptions with it, and callers then wait for Hazelcast's retries instead of seeing NO_HANDLERS.
   */
  private static void awaitClusterSafe(HazelcastClusterManager manager) throws InterruptedException {
    long start = System.nanoTime();
    while (!manager.getHazelcastInstance().getPartitionService().isClusterSafe() && elapsedMs(start) < 30_000) {
      Thread.sleep(100);
    }
    System.out.printf("cluster test: cluster safe after %d ms%n", elapsedMs(start));
  }

  /** The first reply: the subscription may take a moment to reach the caller, the first connection too. */
  private String firstReply() throws Exception {
    long start = System.nanoTime();
    while (true) {
      try {
        return get(request(WARM_UP_TIMEOUT_MS), WARM_UP_TIMEOUT_MS + 2_000).body();
      } catch (ReplyException e) {
        if (e.failureType() == ReplyFailure.RECIPIENT_FAILURE || elapsedMs(start) > 30_000) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private Future<Message<String>> request() {
    return request(SEND_TIMEOUT_MS);
  }

  private Future<Message<String>> request(long timeoutMs) {
    return caller.eventBus().request(ADDRESS, "ping", new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  private static Process startResponder(String cluster, int port, String members) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
      ClusterTestNode.class.getName(), cluster, String.valueOf(port), members, ADDRESS)
      .redirectError(ProcessBuilder.Redirect.DISCARD)
      .start();
  }

  private static CompletableFuture<String> awaitReadyLine(Process process) {
    return CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("READY ")) {
            return line.substring("READY ".length());
          }
        }
        throw new IllegalStateException("responder exited before READY");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      get(future, SEND_TIMEOUT_MS + 5_000);
      return null;
    } catch (ReplyException e) {
      return e;
    }
  }

  private static <T> T get(Future<T> future, long timeoutMs) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }
}
