package cm.reeyo.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady HTTP load for behaviour tests: {@code concurrency} loops, each sending {@code GET path} as soon as the
 * previous answer arrived, over a keep-alive client with a small pool (as a load balancer or app would). Every
 * request is recorded with the time it started, its status or its failure, so a test can ask which requests
 * failed and when they had started. Runs on its own Vert.x, apart from the node under test.
 */
final class SteadyLoad {

  /** One request: started (nanoTime), status (0 when it failed), failure (null when answered). */
  record Outcome(long startedNanos, int status, Throwable failure) {
    boolean refused() {
      return failure instanceof ConnectException;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final int port;
  private final String path;
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
  private volatile boolean running;

  SteadyLoad(int port, String path, int poolSize) {
    this.port = port;
    this.path = path;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000)
      .setIdleTimeout(30), new PoolOptions().setHttp1MaxSize(poolSize));
  }

  SteadyLoad start(int concurrency) {
    running = true;
    for (int i = 0; i < concurrency; i++) {
      vertx.runOnContext(v -> loop());
    }
    return this;
  }

  private void loop() {
    if (!running) {
      return;
    }
    long started = System.nanoTime();
    client.request(HttpMethod.GET, port, "127.0.0.1", path)
      .compose(req -> req.idleTimeout(10_000).send())
      .compose(resp -> resp.body().map(b -> resp.statusCode()))
      .onComplete(ar -> {
        Outcome outcome = ar.succeeded() ? new Outcome(started, ar.result(), null) : new Outcome(started, 0, ar.cause());
        outcomes.add(outcome);
        if (ar.succeeded()) {
          statuses.computeIfAbsent(ar.result(), s -> new AtomicLong()).incrementAndGet();
          loop();
        } else {
          vertx.setTimer(outcome.refused() ? 20 : 1, id -> loop());
        }
      });
  }

  /** Stops sending; waits for the requests in flight. */
  void stop() throws Exception {
    running = false;
    Thread.sleep(300);
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  long count(int status) {
    AtomicLong n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  /** Requests that got no answer or an answer other than {@code expected}, refused connections included. */
  List<Outcome> failures(int expected) {
    return outcomes.stream().filter(o -> o.failure() != null || o.status() != expected).toList();
  }
}
