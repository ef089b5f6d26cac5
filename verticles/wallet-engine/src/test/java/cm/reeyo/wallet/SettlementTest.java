package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static cm.reeyo.wallet.WalletHarness.await;
import static cm.reeyo.wallet.WalletHarness.balance;
import static cm.reeyo.wallet.WalletHarness.call;
import static cm.reeyo.wallet.WalletHarness.callAs;
import static cm.reeyo.wallet.WalletHarness.failureOf;
import static cm.reeyo.wallet.WalletHarness.fund;
import static cm.reeyo.wallet.WalletHarness.sumWithPrefix;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Wallet engine: order payment, settlement and refund on the bus")
class SettlementTest {

  static WireMockServer campay;
  Dynamo dynamo;

  @BeforeAll
  static void startCampay() {
    campay = WalletHarness.campay();
  }

  @AfterAll
  static void stopCampay() {
    campay.stop();
  }

  @BeforeEach
  void deploy(Vertx vertx) {
    JsonObject config = WalletHarness.config(null, campay.port());
    await(WalletHarness.deploy(vertx, config));
    dynamo = Dynamo.acquire(vertx, config);
  }

  @Test
  @DisplayName("the spec's 17,000 XAF WALLET order to the franc: customer −17,000, vendor +12,750, rider +2,000, revenue +2,250, escrow 0")
  void specExample(Vertx vertx) {
    await(fund(vertx, "user_a", 17_000));
    JsonObject order = new JsonObject().put("orderId", "order_1").put("userId", "user_a").put("total", 17_000)
      .put("status", "PENDING").put("createdAt", "2026-01-01T10:00:00Z");
    JsonObject paid = await(call(vertx, WalletAddresses.PAY_ORDER, new JsonObject().put("orderId", "order_1")
      .put("userId", "user_a").put("amount", 17_000).put("orderItem", order)));
    assertThat(paid.getBoolean("replayed")).isFalse();
    assertThat(await(balance(vertx, "user_a", Role.USER))).isZero();
    assertThat(sumWithPrefix(WalletHarness.balances(dynamo), Account.ESCROW_PREFIX)).isEqualTo(17_000);
    assertThat(await(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.ORDERS))
      .key(Items.key("orderId", "order_1"))))).item()).as("the order was written in the same transaction").isNotEmpty();

    JsonObject settle = new JsonObject().put("orderId", "order_1").put("paymentMethod", "WALLET").put("subtotal", 15_000)
      .put("deliveryFee", 2_000).put("vendorId", "vendor_a").put("riderId", "rider_a");
    JsonObject settled = await(call(vertx, WalletAddresses.SETTLE_ORDER, settle));
    assertThat(settled.getLong("commission")).isEqualTo(2_250);
    assertThat(settled.getLong("vendorAmount")).isEqualTo(12_750);

    Map<String, Long> balances = WalletHarness.balances(dynamo);
    assertThat(balances).containsEntry("wallet_user_a", 0L).containsEntry("wallet_vendor_a", 12_750L)
      .containsEntry("wallet_rider_a", 2_000L);
    assertThat(sumWithPrefix(balances, Account.REVENUE_PREFIX)).isEqualTo(2_250);
    assertThat(sumWithPrefix(balances, Account.ESCROW_PREFIX)).isZero();
    assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isZero();

    JsonArray customer = await(callAs(vertx, "user_a", Role.USER, WalletAddresses.TRANSACTIONS, new JsonObject()))
      .getJsonArray("items");
    assertThat(customer).hasSize(2);
    JsonObject debit = customer.getJsonObject(0);
    assertThat(debit.getString("type")).isEqualTo("DEBIT");
    assertThat(debit.getLong("amount")).isEqualTo(17_000);
    assertThat(debit.getLong("balanceBefore")).isEqualTo(17_000);
    assertThat(debit.getLong("balanceAfter")).isZero();
    assertThat(debit.getString("reference")).isEqualTo("order_1");
    JsonObject vendorEntry = await(callAs(vertx, "vendor_a", Role.VENDOR, WalletAddresses.TRANSACTIONS, new JsonObject()))
      .getJsonArray("items").getJsonObject(0);
    assertThat(vendorEntry.getString("type")).isEqualTo("CREDIT");
    assertThat(vendorEntry.getLong("amount")).isEqualTo(12_750);
    assertThat(vendorEntry.getString("description")).isEqualTo("Order payment");
    JsonObject riderEntry = await(callAs(vertx, "rider_a", Role.RIDER, WalletAddresses.TRANSACTIONS, new JsonObject()))
      .getJsonArray("items").getJsonObject(0);
    assertThat(riderEntry.getLong("amount")).isEqualTo(2_000);
    assertThat(riderEntry.getString("description")).isEqualTo("Delivery fee");

    assertThat(await(call(vertx, WalletAddresses.SETTLE_ORDER, settle)).getBoolean("replayed")).isTrue();
    assertThat(failureOf(call(vertx, WalletAddresses.SETTLE_ORDER, settle.copy().put("subtotal", 14_000))))
      .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    assertThat(failureOf(call(vertx, WalletAddresses.REFUND_ORDER, new JsonObject().put("orderId", "order_1")
      .put("amount", 17_000)))).isEqualTo(ErrorCode.ALREADY_SETTLED);
    assertThat(WalletHarness.balances(dynamo)).isEqualTo(balances);
    JsonObject report = await(call(vertx, WalletAddresses.RECONCILE, new JsonObject()));
    assertThat(report.getBoolean("ok")).as(report.encodePrettily()).isTrue();
  }

  @Test
  @DisplayName("a short balance refuses the payment and the order is not written; an existing order moves no money")
  void insufficientFundsAndAtomicOrder(Vertx vertx) {
    await(fund(vertx, "user_b", 1_000));
    JsonObject order = new JsonObject().put("orderId", "order_2").put("userId", "user_b");
    JsonObject pay = new JsonObject().put("orderId", "order_2").put("userId", "user_b").put("amount", 17_000)
      .put("orderItem", order);
    assertThat(failureOf(call(vertx, WalletAddresses.PAY_ORDER, pay))).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(await(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.ORDERS))
      .key(Items.key("orderId", "order_2"))))).hasItem()).isFalse();

    await(dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.ORDERS)).item(Items.toItem(order)))));
    assertThat(failureOf(call(vertx, WalletAddresses.PAY_ORDER, pay.copy().put("amount", 500))))
      .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(await(balance(vertx, "user_b", Role.USER))).isEqualTo(1_000);
  }

  @Test
  @DisplayName("a cash order settles through the rider's wallet, which may go negative only down to the cash limit")
  void cashSettlement(Vertx vertx) {
    JsonObject settle = new JsonObject().put("orderId", "order_c").put("paymentMethod", "CASH").put("subtotal", 15_000)
      .put("deliveryFee", 2_000).put("vendorId", "vendor_c").put("riderId", "rider_c");
    await(call(vertx, WalletAddresses.SETTLE_ORDER, settle));
    Map<String, Long> balances = WalletHarness.balances(dynamo);
    assertThat(balances).containsEntry("wallet_rider_c", -15_000L).containsEntry("wallet_vendor_c", 12_750L);
    assertThat(sumWithPrefix(balances, Account.REVENUE_PREFIX)).isEqualTo(2_250);
    JsonArray rider = await(callAs(vertx, "rider_c", Role.RIDER, WalletAddresses.TRANSACTIONS, new JsonObject()))
      .getJsonArray("items");
    assertThat(rider.stream().map(JsonObject.class::cast).map(e -> e.getString("type") + e.getLong("amount")))
      .containsExactlyInAnyOrder("DEBIT17000", "CREDIT2000");

    JsonObject big = settle.copy().put("orderId", "order_c2").put("subtotal", 40_000);
    assertThat(failureOf(call(vertx, WalletAddresses.SETTLE_ORDER, big))).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(await(balance(vertx, "rider_c", Role.RIDER))).isEqualTo(-15_000);
  }

  @Test
  @DisplayName("a refund returns the escrowed money once, keeps any cancellation fee, and closes the order to settlement")
  void refunds(Vertx vertx) {
    await(fund(vertx, "user_r", 30_000));
    for (String id : List.of("order_r1", "order_r2")) {
      await(call(vertx, WalletAddresses.PAY_ORDER, new JsonObject().put("orderId", id).put("userId", "user_r")
        .put("amount", 10_000)));
    }
    JsonObject full = new JsonObject().put("orderId", "order_r1").put("amount", 10_000);
    await(call(vertx, WalletAddresses.REFUND_ORDER, full));
    assertThat(await(call(vertx, WalletAddresses.REFUND_ORDER, full)).getBoolean("replayed")).isTrue();
    await(call(vertx, WalletAddresses.REFUND_ORDER, new JsonObject().put("orderId", "order_r2").put("amount", 8_000)));
    assertThat(failureOf(call(vertx, WalletAddresses.REFUND_ORDER, new JsonObject().put("orderId", "order_r3")
      .put("amount", 1)))).isEqualTo(ErrorCode.ORDER_STATE_CONFLICT);
    assertThat(failureOf(call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_r1")
      .put("paymentMethod", "WALLET").put("subtotal", 8_000).put("deliveryFee", 2_000).put("vendorId", "v")
      .put("riderId", "r")))).isEqualTo(ErrorCode.ALREADY_SETTLED);

    Map<String, Long> balances = WalletHarness.balances(dynamo);
    assertThat(balances).containsEntry("wallet_user_r", 28_000L);
    assertThat(sumWithPrefix(balances, Account.REVENUE_PREFIX)).isEqualTo(2_000);
    assertThat(sumWithPrefix(balances, Account.ESCROW_PREFIX)).isZero();
  }
}
