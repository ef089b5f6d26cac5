import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.Passwords;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import cm.reeyo.userapi.UserApiVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Load driver (not a unit test): event-loop lag of the user API while 50 logins run concurrently.
 *
 * <p>A probe verticle on every event loop ticks every 5 ms and records how late each tick fires (drift). The user
 * API runs with its real bcrypt cost 12 against the test Redis and DynamoDB gateway; a separate Vert.x instance
 * plays the 50 clients. Prints drift p50/p99/max and login latencies; exits 1 if drift p99 is 10 ms or more.
 * A 5 s baseline without logins is printed too, so that lag caused by other processes on the machine shows.
 * Run with {@code scripts/bench/login-lag.sh}. Arguments: rounds (default 4), concurrency (default 50),
 * bcrypt threads (default: the identity default).
 */
public class LoginLagBench {

  static final String PASSWORD = "Bench#2026pass";
  static final ConcurrentLinkedQueue<Long> DRIFT_MICROS = new ConcurrentLinkedQueue<>();
  static volatile boolean recording;

  /** Ticks every 5 ms on its event loop and records the lateness of each tick. */
  public static class LagProbe extends VerticleBase {
    private long last;

    @Override
    public Future<?> start() {
      last = System.nanoTime();
      vertx.setPeriodic(5, id -> {
        long now = System.nanoTime();
        long drift = (now - last) / 1000 - 5000;
        last = now;
        if (recording) {
          DRIFT_MICROS.add(Math.max(0, drift));
        }
      });
      return Future.succeededFuture();
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Integer bcryptThreads = args.length > 2 ? Integer.valueOf(args[2]) : null;
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
    for (String name : new String[] {"global", "login"}) {
      config.getJsonObject("rateLimits").put(name, new JsonObject().put("limit", 1_000_000));
    }
    if (bcryptThreads != null) {
      config.put("identity", new JsonObject().put("bcryptThreads", bcryptThreads));
    }
    Vertx server = Vertx.vertx();
    Vertx clients = Vertx.vertx();
    try {
      Dynamo dynamo = Dynamo.acquire(server, config);
      new TableBootstrap(dynamo).ensureAll().await();
      server.deployVerticle(UserApiVerticle::new, new DeploymentOptions().setConfig(config).setInstances(loops)).await();
      server.deployVerticle(LagProbe::new, new DeploymentOptions().setInstances(loops)).await();

      String hash = new Passwords(server, new JsonObject()).hash(PASSWORD).await();
      Accounts accounts = new Accounts(dynamo);
      List<String> phones = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        String phone = String.format("+2376%08d", 80_000_000 + i);
        accounts.register(AccountKind.USER, new JsonObject().put("phone", phone).put("passwordHash", hash)
          .put("firstName", "Bench").put("lastName", "User" + i)).await();
        phones.add(phone);
      }
      WebClient client = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(config.getJsonObject("http").getInteger("port")), new PoolOptions().setHttp1MaxSize(concurrency));

      runRound(client, phones.subList(0, Math.min(10, phones.size())));
      recording = true;
      Thread.sleep(5_000);
      recording = false;
      List<Long> idle = new ArrayList<>(DRIFT_MICROS);
      Collections.sort(idle);
      DRIFT_MICROS.clear();
      recording = true;
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long started = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        latencies.addAll(runRound(client, phones));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      recording = false;

      List<Long> drift = new ArrayList<>(DRIFT_MICROS);
      Collections.sort(drift);
      Collections.sort(latencies);
      System.out.printf("logins: %d in %d rounds of %d concurrent, %.1f s, %.1f logins/s (bcrypt cost 12, %d cores, %d event loops)%n",
        latencies.size(), rounds, concurrency, seconds, latencies.size() / seconds, Runtime.getRuntime().availableProcessors(), loops);
      System.out.printf("login latency ms: p50 %d  p99 %d  max %d%n", pct(latencies, 50), pct(latencies, 99), latencies.get(latencies.size() - 1));
      System.out.printf("event-loop lag ms (%d ticks of 5 ms): p50 %.2f  p99 %.2f  max %.2f%n", drift.size(),
        pct(drift, 50) / 1000.0, pct(drift, 99) / 1000.0, drift.get(drift.size() - 1) / 1000.0);
      System.out.printf("baseline without logins (5 s, same machine): lag p50 %.2f  p99 %.2f  max %.2f ms; load average %.1f%n",
        pct(idle, 50) / 1000.0, pct(idle, 99) / 1000.0, idle.get(idle.size() - 1) / 1000.0,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      boolean pass = pct(drift, 99) < 10_000;
      System.out.println(pass ? "PASS: event-loop lag p99 < 10 ms" : "FAIL: event-loop lag p99 >= 10 ms");
      System.exit(pass ? 0 : 1);
    } finally {
      clients.close();
      server.close();
    }
  }

  static List<Long> runRound(WebClient client, List<String> phones) {
    List<Future<Long>> logins = new ArrayList<>();
    for (String phone : phones) {
      long t0 = System.nanoTime();
      logins.add(client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("phone", phone).put("password", PASSWORD))
        .map(r -> {
          if (r.statusCode() != 200) {
            throw new IllegalStateException("login answered " + r.statusCode() + " " + r.bodyAsString());
          }
          return (System.nanoTime() - t0) / 1_000_000;
        }));
    }
    Future.all(logins).await();
    return logins.stream().map(Future::result).toList();
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
