package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static cm.reeyo.wallet.WalletHarness.await;

/**
 * Benchmark (not a test): order settlements per second through the wallet engine against the DynamoDB emulator
 * (dynalite behind the project's transaction gateway), and, in the same run, the emulator's raw TransactWriteItems
 * rate for transactions of the same shape (4 balance updates + 4 entries + 2 markers). Run with
 * {@code scripts/bench/wallet-settlements [orders] [concurrency]}.
 */
public final class SettlementBench {

  private SettlementBench() {
  }

  public static void main(String[] args) {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Vertx vertx = Vertx.vertx();
    JsonObject config = TestConfig.fresh().put("wallet", new JsonObject().put(WalletConfig.CONF_RECONCILE_INTERVAL, 0));
    await(vertx.deployVerticle(new WalletEngineVerticle(), new io.vertx.core.DeploymentOptions().setConfig(config)));
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    Vertx scratch = Vertx.vertx();
    Dynamo rawTables = Dynamo.acquire(scratch, TestConfig.fresh());
    await(new TableBootstrap(rawTables).ensure(List.of(CoreTables.WALLETS_TABLE, CoreTables.TRANSACTIONS_TABLE,
      CoreTables.IDEMPOTENCY_TABLE)));

    double raw = rate(orders, concurrency, i -> rawTransaction(rawTables, i));
    System.out.printf("raw TransactWriteItems (10 actions, no reads): %.0f tx/s (%d tx, concurrency %d)%n", raw, orders, concurrency);

    seedCustomers(vertx, dynamo, 50, orders * 20_000L / 50 + 20_000);
    double pay = rate(orders, concurrency, i -> call(vertx, WalletAddresses.PAY_ORDER, new JsonObject()
      .put("orderId", "bench_" + i).put("userId", "bench_user_" + (i % 50)).put("amount", 17_000)));
    System.out.printf("wallet order payments: %.0f /s%n", pay);
    double settle = rate(orders, concurrency, i -> call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject()
      .put("orderId", "bench_" + i).put("paymentMethod", "WALLET").put("subtotal", 15_000).put("deliveryFee", 2_000)
      .put("vendorId", "bench_vendor_" + (i % 40)).put("riderId", "bench_rider_" + (i % 40))));
    System.out.printf("settlements: %.0f /s (%d orders, concurrency %d)%n", settle, orders, concurrency);
    JsonObject report = await(call(vertx, WalletAddresses.RECONCILE, new JsonObject()));
    System.out.printf("reconciliation ok=%s sum=%d entries=%d%n", report.getBoolean("ok"), report.getLong("sumOfBalances"),
      report.getInteger("entries"));
    System.out.printf("RESULT settlements_per_s=%.0f raw_twi_per_s=%.0f ratio=%.2f%n", settle, raw, settle / raw);
    scratch.close();
    vertx.close();
    System.exit(0);
  }

  private static Future<JsonObject> call(Vertx vertx, String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(m -> m.body());
  }

  private static void seedCustomers(Vertx vertx, Dynamo dynamo, int customers, long each) {
    Ledger ledger = new Ledger(vertx, dynamo, new AuditLog(dynamo), new LedgerEvents(vertx, Clock.systemUTC()), 50, 16,
      Clock.systemUTC());
    List<Future<JsonObject>> all = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      String user = "bench_user_" + i;
      all.add(ledger.execute(Transfer.of("bench-seed#" + user, "TOPUP", user, new JsonObject().put("u", user))
        .leg(Leg.debit(Account.externalCampay(), each, "bench seed"))
        .leg(Leg.credit(Account.owner(user, "USER"), each, "bench seed"))));
    }
    await(Future.all(all));
  }

  private static Future<?> rawTransaction(Dynamo dynamo, int i) {
    List<TransactWriteItem> items = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      items.add(TransactWriteItem.builder().update(Update.builder().tableName(dynamo.table(CoreTables.WALLETS))
        .key(Items.key("walletId", "raw_" + i + "_" + w)).updateExpression("SET #b = :b")
        .expressionAttributeNames(Map.of("#b", "balance")).expressionAttributeValues(Map.of(":b", Items.n(i))).build()).build());
      items.add(TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(CoreTables.TRANSACTIONS))
        .item(Items.toItem(new JsonObject().put("transactionId", "raw_" + i + "#" + w).put("walletId", "raw_" + i + "_" + w)
          .put("createdAt", "2026-01-01T00:00:00Z").put("createdDay", "2026-01-01").put("amount", 1))).build()).build());
    }
    for (String k : List.of("rawsettle#" + i, "rawclose#" + i)) {
      items.add(TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(CoreTables.IDEMPOTENCY))
        .item(Items.toItem(new JsonObject().put("key", k))).build()).build());
    }
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(items)));
  }

  /** Runs n operations with at most {@code concurrency} in flight; answers operations per second. */
  private static double rate(int n, int concurrency, IntFunction<Future<?>> op) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < concurrency; lane++) {
      lanes.add(lane(next, n, op, failed));
    }
    await(Future.all(lanes));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      System.out.println("  (" + failed.get() + " operations failed)");
    }
    return n / seconds;
  }

  private static Future<Void> lane(AtomicInteger next, int n, IntFunction<Future<?>> op, AtomicInteger failed) {
    int i = next.getAndIncrement();
    if (i >= n) {
      return Future.succeededFuture();
    }
    return op.apply(i).<Void>mapEmpty().recover(f -> {
      failed.incrementAndGet();
      return Future.succeededFuture();
    }).compose(v -> lane(next, n, op, failed));
  }
}
