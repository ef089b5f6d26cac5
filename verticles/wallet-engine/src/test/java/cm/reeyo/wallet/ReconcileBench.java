package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): reconciliation of a ledger seeded straight into the store
 * ({@code scripts/bench/seed-store.js ledger}), in a JVM that holds only the wallet engine, run with a bounded heap
 * ({@code -Xmx256m} by {@code scripts/bench/reconcile-ledger}). Runs a full reconciliation, then an incremental one
 * (nothing new: checkpoints only), and prints for each the time, the entries read, the peak heap used (all heap pools'
 * peaks since the previous reset) and the worst lateness of a 10 ms timer on every event loop (the engine's included).
 * The seeder creates the tables (the engine starts with {@code createTables} off). Arguments: DynamoDB endpoint, table prefix.
 */
public final class ReconcileBench {

  private static volatile long worstLateMs;

  private ReconcileBench() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = new JsonObject().put("mode", "dev").put("dynamodb", new JsonObject().put("endpoint", args[0])
      .put("region", "us-east-1").put("tablePrefix", args[1]).put("createTables", false));
    config.put("wallet", new JsonObject().put(WalletConfig.CONF_RECONCILE_INTERVAL, 0).put(WalletConfig.CONF_POLLER_INTERVAL, 3600));
    Vertx vertx = Vertx.vertx(new VertxOptions().setWarningExceptionTime(1).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    await(vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(config)));
    await(vertx.deployVerticle(Probe::new, new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors())));
    for (String kind : new String[]{"full", "incremental"}) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      worstLateMs = 0;
      long t0 = System.nanoTime();
      JsonObject report = await(vertx.eventBus().<JsonObject>request(WalletAddresses.RECONCILE,
        new JsonObject().put("full", "full".equals(kind)), new DeliveryOptions().setSendTimeout(3_600_000)).map(Message::body));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long peakMb = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
      long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
      System.out.printf("RESULT %s ok=%s wallets=%d walletsRead=%d chainEntries=%d transferEntries=%d transfers=%d seconds=%.1f"
          + " entries_per_s=%.0f heap_peak_mb=%d heap_max_mb=%d event_loop_worst_late_ms=%d%n",
        kind, report.getBoolean("ok"), report.getLong("wallets"), report.getLong("walletsRead"), report.getLong("entries"),
        report.getLong("transferEntries"), report.getLong("transfers"), seconds,
        (report.getLong("entries") + report.getLong("transferEntries")) / seconds, peakMb, maxMb, worstLateMs);
      if (!report.getBoolean("ok")) {
        System.out.println(report.encodePrettily());
      }
    }
    System.exit(0);
  }

  /** Ticks every 10 ms on its event loop (one per loop, the engine's included) and keeps the worst lateness. */
  static final class Probe extends VerticleBase {
    @Override
    public Future<?> start() {
      long[] last = {System.nanoTime()};
      vertx.setPeriodic(10, id -> {
        long now = System.nanoTime();
        worstLateMs = Math.max(worstLateMs, TimeUnit.NANOSECONDS.toMillis(now - last[0]) - 10);
        last[0] = now;
      });
      return Future.succeededFuture();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.HOURS);
  }
}
