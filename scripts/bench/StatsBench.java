import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.platformtest.TestPlatform;
import cm.reeyo.testkit.LocalDynamo;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): {@code GET /api/v1/stats} of the admin API with N orders in the day, against
 * {@code GET /health} of the same API in the same run. Seeds the orders straight into the store
 * ({@code scripts/bench/seed-store.js orders}, without counters), deploys the platform (APIs, order and wallet engines,
 * Redis and the DynamoDB gateway of the test kit) with the stats cache off, builds the counters with the repair job
 * ({@code POST /api/v1/stats/repair}, timed), checks the figures against what was seeded, then alternates rounds of
 * /health and /api/v1/stats at a fixed concurrency and prints p50/p99/max and rates. Run with
 * {@code scripts/bench/stats-dashboard}. Arguments: orders (50000), requests per round (2000), concurrency (16), rounds (3).
 */
public class StatsBench {

  static final class Platform extends TestPlatform {
    Platform(Vertx vertx, JsonObject config) {
      super(vertx, config);
    }

    Future<Void> start() {
      return deploy();
    }
  }

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    JsonObject config = TestConfig.fresh().put("adminStats", new JsonObject().put("cacheSeconds", 0));
    String prefix = config.getJsonObject("dynamodb").getString("tablePrefix");
    int gatewayPort = URI.create(LocalDynamo.endpoint()).getPort();

    JsonObject seeded = seed(gatewayPort, prefix, orders);
    Vertx vertx = Vertx.vertx();
    Platform p = new Platform(vertx, config);
    await(p.start());
    String admin = await(p.accounts.create(AccountKind.ADMIN, new JsonObject().put("firstName", "Bench").put("lastName", "Admin")
      .put("email", "bench+" + System.nanoTime() + "@reeyo.cm"))).getString("adminId");
    String token = p.token(admin, Role.ADMIN);
    int port = p.port(Role.ADMIN);

    long t0 = System.nanoTime();
    HttpResponse<Buffer> repaired = await(p.call(HttpMethod.POST, port, "/api/v1/stats/repair", token, new JsonObject()));
    long repairMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    JsonObject report = repaired.bodyAsJsonObject();
    System.out.printf("repair job: HTTP %d, %d orders scanned in %d pages, %d corrections, %d ms%n", repaired.statusCode(),
      report.getLong("ordersScanned"), report.getLong("pages"), report.getInteger("correctedCount"), repairMs);
    JsonObject stats = await(p.call(HttpMethod.GET, port, "/api/v1/stats", token, null)).bodyAsJsonObject();
    JsonObject byStatus = stats.getJsonObject("orders").getJsonObject("byStatus");
    boolean exact = stats.getJsonObject("orders").getLong("total") == orders
      && seeded.getJsonObject("byStatus").stream().allMatch(e -> byStatus.getLong(e.getKey()) == ((Number) e.getValue()).longValue());
    System.out.printf("figures equal the seeded orders: %s (total %d, deliveredCount %d, average %s min)%n", exact,
      stats.getJsonObject("orders").getLong("total"), stats.getLong("deliveredCount"), stats.getValue("averageDeliveryMinutes"));

    Vertx clients = Vertx.vertx();
    WebClient web = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
      .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    run(web, "/health", null, 200, concurrency);
    run(web, "/api/v1/stats", token, 200, concurrency);
    List<Long> health = new ArrayList<>();
    List<Long> dash = new ArrayList<>();
    long healthNanos = 0;
    long dashNanos = 0;
    int failures = 0;
    for (int r = 0; r < rounds; r++) {
      Round h = run(web, "/health", null, requests, concurrency);
      Round s = run(web, "/api/v1/stats", token, requests, concurrency);
      health.addAll(h.micros);
      dash.addAll(s.micros);
      healthNanos += h.nanos;
      dashNanos += s.nanos;
      failures += h.failures + s.failures;
      System.out.printf("round %d: /health p99 %.2f ms, /api/v1/stats p99 %.2f ms%n", r + 1, pct(h.micros, 99), pct(s.micros, 99));
    }
    System.out.printf("%-15s %8s %8s %8s %8s %10s%n", "path", "p50 ms", "p99 ms", "max ms", "n", "req/s");
    print("/health", health, healthNanos);
    print("/api/v1/stats", dash, dashNanos);
    System.out.printf("RESULT orders=%d stats_p99_ms=%.2f health_p99_ms=%.2f p99_ratio=%.2f throughput_ratio=%.2f non2xx=%d exact=%s%n",
      orders, pct(dash, 99), pct(health, 99), pct(dash, 99) / pct(health, 99),
      (dash.size() / (dashNanos / 1e9)) / (health.size() / (healthNanos / 1e9)), failures, exact);
    System.exit(0);
  }

  record Round(List<Long> micros, long nanos, int failures) {
  }

  static Round run(WebClient web, String path, String token, int n, int concurrency) throws Exception {
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(worker(web, path, token, n, next, micros, failures));
    }
    await(Future.all(workers));
    return new Round(micros, System.nanoTime() - start, failures.get());
  }

  static Future<Void> worker(WebClient web, String path, String token, int n, AtomicInteger next, List<Long> micros,
                             AtomicInteger failures) {
    if (next.getAndIncrement() >= n) {
      return Future.succeededFuture();
    }
    long t = System.nanoTime();
    var request = web.get(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.send().transform(ar -> {
      micros.add((System.nanoTime() - t) / 1000);
      if (ar.failed() || ar.result().statusCode() / 100 != 2) {
        failures.incrementAndGet();
      }
      return worker(web, path, token, n, next, micros, failures);
    });
  }

  static void print(String path, List<Long> micros, long nanos) {
    System.out.printf("%-15s %8.2f %8.2f %8.2f %8d %10.0f%n", path, pct(micros, 50), pct(micros, 99), pct(micros, 100),
      micros.size(), micros.size() / (nanos / 1e9));
  }

  static double pct(List<Long> micros, double p) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1000.0;
  }

  static JsonObject seed(int gatewayPort, String prefix, int orders) throws Exception {
    Process node = new ProcessBuilder("node", "scripts/bench/seed-store.js", "orders", "--port", String.valueOf(gatewayPort),
      "--prefix", prefix, "--count", String.valueOf(orders)).redirectErrorStream(true).start();
    JsonObject seeded = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream()))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("  seed: " + line);
        if (line.startsWith("SEEDED ")) {
          seeded = new JsonObject(line.substring(7));
        }
      }
    }
    if (node.waitFor() != 0 || seeded == null) {
      throw new IllegalStateException("seeding failed");
    }
    return seeded;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
  }
}
