package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.testkit.LocalDynamo;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static cm.reeyo.wallet.WalletHarness.await;
import static cm.reeyo.wallet.WalletHarness.call;
import static cm.reeyo.wallet.WalletHarness.callAs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent callers, every call repeated at random (same idempotency key), and a gateway that cancels 20 % of
 * transactions with TransactionConflict. The ledger must come out exact.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Wallet engine under concurrency, random retries and injected transaction conflicts")
class ConcurrencyTest {

  static WireMockServer campay;
  final Map<String, Long> expected = new ConcurrentHashMap<>();
  final AtomicInteger operations = new AtomicInteger();
  final Set<String> unexpected = ConcurrentHashMap.newKeySet();
  final long seed = System.nanoTime();
  final Random random = new Random(seed);

  @BeforeAll
  static void startCampay() {
    campay = WalletHarness.campay();
  }

  @AfterAll
  static void stopCampay() {
    campay.stop();
  }

  @Test
  @DisplayName("200+ operations from concurrent callers: sum 0, floors kept, wallets equal their entries, one effect per key")
  void randomizedConcurrency(Vertx vertx) {
    JsonObject config = WalletHarness.config(LocalDynamo.startWithFaults(0.2, 0), campay.port());
    await(WalletHarness.deploy(vertx, config));
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    String[] users = {"cu0", "cu1", "cu2", "cu3", "cu4", "cu5", "cu6", "cu7"};
    String[] vendors = {"cv0", "cv1", "cv2", "cv3"};
    String[] riders = {"cr0", "cr1", "cr2", "cr3"};

    List<Future<?>> topups = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String user = users[i % users.length];
      long amount = 5_000 + 1_000L * random.nextInt(20);
      String key = "topup-" + i;
      topups.add(repeated(() -> callAs(vertx, user, Role.USER, WalletAddresses.TOPUP,
          new JsonObject().put("amount", amount).put("phone", "+237670000001").put("idempotencyKey", key)))
        .compose(p -> repeated(() -> call(vertx, WalletAddresses.CAMPAY_WEBHOOK, WalletHarness.confirmedWebhook(vertx,
          p.getString("reference"), p.getString("paymentId"), amount, "SUCCESSFUL"))))
        .onSuccess(r -> add("wallet_" + user, amount)));
    }
    await(Future.join(topups).otherwiseEmpty());

    List<Future<?>> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String orderId = "corder_" + i;
      String user = users[random.nextInt(users.length)];
      String vendor = vendors[random.nextInt(vendors.length)];
      String rider = riders[random.nextInt(riders.length)];
      long subtotal = 1_000L * (2 + random.nextInt(12));
      long fee = 500L * (1 + random.nextInt(4));
      int fate = random.nextInt(10);
      long refund = random.nextBoolean() ? subtotal + fee : subtotal;
      orders.add(repeated(() -> call(vertx, WalletAddresses.PAY_ORDER, new JsonObject().put("orderId", orderId)
          .put("userId", user).put("amount", subtotal + fee)))
        .compose(paid -> {
          add("wallet_" + user, -(subtotal + fee));
          if (fate < 5) {
            return repeated(() -> call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", orderId)
              .put("paymentMethod", "WALLET").put("subtotal", subtotal).put("deliveryFee", fee)
              .put("vendorId", vendor).put("riderId", rider))).onSuccess(s -> {
                add("wallet_" + vendor, s.getLong("vendorAmount"));
                add("wallet_" + rider, fee);
              });
          }
          if (fate < 8) {
            return repeated(() -> call(vertx, WalletAddresses.REFUND_ORDER, new JsonObject().put("orderId", orderId)
              .put("amount", refund))).onSuccess(s -> add("wallet_" + user, refund));
          }
          return Future.succeededFuture();
        }));
    }
    await(Future.join(orders).otherwiseEmpty());

    List<Future<?>> payouts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      boolean vendor = i % 2 == 0;
      String owner = vendor ? vendors[random.nextInt(vendors.length)] : riders[random.nextInt(riders.length)];
      Role role = vendor ? Role.VENDOR : Role.RIDER;
      long amount = 5_000L + 500L * random.nextInt(6);
      String decision = random.nextBoolean() ? "APPROVE" : "REJECT";
      String key = "payout-" + i;
      payouts.add(repeated(() -> callAs(vertx, owner, role, WalletAddresses.PAYOUT_REQUEST,
          new JsonObject().put("amount", amount).put("phone", "+237670000002").put("idempotencyKey", key)))
        .compose(p -> {
          add("wallet_" + owner, -amount);
          return repeated(() -> callAs(vertx, "admin", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
            new JsonObject().put("payoutId", p.getString("payoutId")).put("decision", decision).put("allowOtherPhone", true)));
        })
        .onSuccess(d -> {
          if ("REJECT".equals(decision)) {
            add("wallet_" + owner, amount);
          }
        }));
    }
    await(Future.join(payouts).otherwiseEmpty());

    assertThat(unexpected).as("unexpected failures (seed " + seed + ")").isEmpty();
    assertThat(operations.get()).isGreaterThanOrEqualTo(200);
    JsonObject report = await(call(vertx, WalletAddresses.RECONCILE, new JsonObject()));
    assertThat(report.getBoolean("ok")).as(report.encodePrettily()).isTrue();
    assertThat(report.getLong("sumOfBalances")).isZero();

    Map<String, Long> balances = WalletHarness.balances(dynamo);
    expected.forEach((wallet, amount) -> assertThat(balances.getOrDefault(wallet, 0L)).as(wallet).isEqualTo(amount));
    balances.forEach((wallet, balance) -> {
      long floor = wallet.equals(Account.EXTERNAL_CAMPAY) ? Long.MIN_VALUE : 0;
      assertThat(balance).as("floor of " + wallet).isGreaterThanOrEqualTo(floor);
    });
    assertThat(balances.get(Account.PAYOUTS_IN_FLIGHT)).isZero();

    Set<String> committedTransfers = new HashSet<>();
    await(dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(CoreTables.IDEMPOTENCY)).consistentRead(true))))
      .items().stream().filter(i -> i.containsKey("hash"))
      .forEach(i -> assertThat(committedTransfers.add(i.get("transferId").s())).isTrue());
    Set<String> movedTransfers = new HashSet<>();
    await(dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(CoreTables.TRANSACTIONS)).consistentRead(true))))
      .items().forEach(i -> movedTransfers.add(i.get("transferId").s()));
    assertThat(movedTransfers).as("every entry belongs to the one transfer its key committed")
      .isSubsetOf(committedTransfers);
  }

  private void add(String wallet, long amount) {
    expected.merge(wallet, amount, Long::sum);
  }

  /**
   * Sends the same request 1–3 times (some at once, some a little later) like a client retrying on timeouts.
   * Every copy must agree; answers the first success. Expected refusals end the chain; others are recorded.
   */
  private Future<JsonObject> repeated(Supplier<Future<JsonObject>> request) {
    int copies = 1 + random.nextInt(3);
    List<Future<JsonObject>> all = new ArrayList<>();
    Vertx vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
    for (int i = 0; i < copies; i++) {
      operations.incrementAndGet();
      long delay = random.nextInt(3) == 0 ? 1 + random.nextInt(40) : 0;
      if (delay == 0 || vertx == null) {
        all.add(request.get());
      } else {
        Promise<JsonObject> later = Promise.promise();
        vertx.setTimer(delay, id -> request.get().onComplete(later));
        all.add(later.future());
      }
    }
    return Future.join(all).transform(done -> {
      for (Future<JsonObject> f : all) {
        if (f.succeeded()) {
          return Future.succeededFuture(f.result());
        }
      }
      ErrorCode code = ErrorCode.of(all.get(0).cause());
      if (code != ErrorCode.INSUFFICIENT_FUNDS) {
        unexpected.add(code + ": " + all.get(0).cause().getMessage());
      }
      return Future.failedFuture(all.get(0).cause());
    });
  }
}
