package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;

import static cm.reeyo.wallet.WalletHarness.await;
import static cm.reeyo.wallet.WalletHarness.call;
import static cm.reeyo.wallet.WalletHarness.fund;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation streamed from checkpoints: a full run proves the ledger and stores where it got to; the next run
 * reads only what was written since; an imbalance written after the checkpoint (a transfer missing a leg, a balance
 * changed without an entry) is found by the incremental run, which reads nothing older.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Wallet engine: incremental reconciliation from checkpoints")
class ReconciliationTest {

  static WireMockServer campay;
  Dynamo dynamo;
  Vertx vertx;

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
    config.getJsonObject("wallet").put(WalletConfig.CONF_RECONCILE_LAG, 0);
    await(WalletHarness.deploy(vertx, config));
    dynamo = Dynamo.acquire(vertx, config);
    this.vertx = vertx;
  }

  @Test
  @DisplayName("a full run proves the ledger and checkpoints it; the next run reads only newer entries; an imbalance introduced after the checkpoint is detected")
  void incrementalFromCheckpoint(Vertx vertx) throws Exception {
    await(fund(vertx, "user_a", 20_000));
    await(call(vertx, WalletAddresses.PAY_ORDER, new JsonObject().put("orderId", "order_1").put("userId", "user_a").put("amount", 12_000)));
    await(call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_1").put("paymentMethod", "WALLET")
      .put("subtotal", 10_000).put("deliveryFee", 2_000).put("vendorId", "vendor_a").put("riderId", "rider_a")));
    await(call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_2").put("paymentMethod", "CASH")
      .put("subtotal", 5_000).put("deliveryFee", 1_000).put("vendorId", "vendor_a").put("riderId", "rider_a")));

    JsonObject full = reconcile(true);
    assertThat(full.getBoolean("ok")).as(full.encodePrettily()).isTrue();
    long ledgerEntries = count(CoreTables.TRANSACTIONS);
    assertThat(full.getLong("entries")).as("every entry proven in its wallet's chain").isEqualTo(ledgerEntries);
    assertThat(full.getLong("transferEntries")).as("every entry seen in its transfer").isEqualTo(ledgerEntries);
    assertThat(full.getJsonObject("checkpoint")).isNotNull();
    assertThat(checkpoint()).as("stored durably").isEqualTo(full.getJsonObject("checkpoint").getString("at"));

    JsonObject quiet = reconcile(false);
    assertThat(quiet.getBoolean("ok")).isTrue();
    assertThat(quiet.getLong("walletsRead")).as("no wallet moved").isZero();
    assertThat(quiet.getLong("transferEntries")).isZero();

    Thread.sleep(5);
    await(fund(vertx, "user_b", 3_000));
    JsonObject next = reconcile(false);
    assertThat(next.getBoolean("ok")).as(next.encodePrettily()).isTrue();
    long newEntries = count(CoreTables.TRANSACTIONS) - ledgerEntries;
    assertThat(next.getLong("entries")).as("only the top-up's entries are read").isEqualTo(newEntries);
    assertThat(next.getLong("transferEntries")).isEqualTo(newEntries);
    assertThat(checkpoint()).isGreaterThan(full.getJsonObject("checkpoint").getString("at"));

    Thread.sleep(5);
    String bogus = oneLeggedTransfer("wallet_user_a", 500);
    tamperBalance("wallet_user_b", 100);
    JsonObject broken = reconcile(false);
    assertThat(broken.getBoolean("ok")).isFalse();
    assertThat(broken.getLong("sumOfBalances")).isEqualTo(600);
    assertThat(broken.getLong("unbalancedCount")).isEqualTo(1);
    assertThat(broken.getJsonArray("unbalancedTransfers").getJsonObject(0).getString("transferId")).isEqualTo(bogus);
    assertThat(broken.getLong("mismatchCount")).isEqualTo(1);
    assertThat(broken.getJsonArray("mismatches").getJsonObject(0).getString("walletId")).isEqualTo("wallet_user_b");
    assertThat(broken.getLong("transferEntries")).as("nothing older than the checkpoint was read").isEqualTo(1);
  }

  private JsonObject reconcile(boolean full) {
    return await(call(vertx, WalletAddresses.RECONCILE, new JsonObject().put("full", full)));
  }

  /** A transfer of two legs of which only one entry exists, moving the wallet as a corrupt writer would. */
  private String oneLeggedTransfer(String walletId, long amount) {
    JsonObject wallet = Items.toJson(await(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS))
      .key(Items.key("walletId", walletId)).consistentRead(true)))).item());
    long before = wallet.getLong("balance");
    long seq = wallet.getLong("version") + 1;
    Instant now = Instant.now();
    String transferId = "tr_bogus";
    JsonObject entry = new JsonObject().put("transactionId", transferId + "#0").put("transferId", transferId)
      .put("walletId", walletId).put("type", "CREDIT").put("amount", amount).put("balanceBefore", before)
      .put("balanceAfter", before + amount).put("seq", seq).put("legs", 2).put("kind", "BOGUS")
      .put("createdAt", Timestamps.format(now)).put("createdDay", Ids.day(now));
    await(dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.TRANSACTIONS)).item(Items.toItem(entry)))));
    await(dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).key(Items.key("walletId", walletId))
      .updateExpression("SET balance = :b, version = :v")
      .expressionAttributeValues(Map.of(":b", Items.n(before + amount), ":v", Items.n(seq))))));
    return transferId;
  }

  private void tamperBalance(String walletId, long by) {
    await(dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).key(Items.key("walletId", walletId))
      .updateExpression("ADD balance :by").expressionAttributeValues(Map.of(":by", Items.n(by))))));
  }

  private long count(String table) {
    return await(dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(table)).select("COUNT").consistentRead(true)))).count();
  }

  private String checkpoint() {
    return await(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(WalletTables.RECONCILIATION))
      .key(Items.key("name", Checkpoints.TRANSFERS)).consistentRead(true)))).item().get("at").s();
  }
}
