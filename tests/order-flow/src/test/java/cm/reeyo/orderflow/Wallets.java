package cm.reeyo.orderflow;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.wallet.Account;
import cm.reeyo.wallet.WalletConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The real wallet engine as the tests read it: owners' balances and statements through its bus API with the owner
 * as principal ({@code wallet.v1.balance}, {@code wallet.v1.transactions}), escrow and platform revenue as the sum
 * of their shard accounts ({@code sys_escrow#n}, {@code sys_revenue#n}; read only), and the reconciliation report.
 */
final class Wallets {

  private final Vertx vertx;
  private final Dynamo dynamo;
  private final WalletConfig config;

  Wallets(Vertx vertx, Dynamo dynamo, JsonObject nodeConfig) {
    this.vertx = vertx;
    this.dynamo = dynamo;
    this.config = WalletConfig.from(nodeConfig);
  }

  /** Node config the wallet engine runs with in these tests: Campay is the fake, no periodic jobs. */
  static JsonObject nodeConfig() {
    return new JsonObject()
      .put(WalletConfig.CONF, new JsonObject().put(WalletConfig.CONF_RECONCILE_INTERVAL, 0)
        .put(WalletConfig.CONF_POLLER_INTERVAL, 3600))
      .put("campay", new JsonObject().put("baseUrl", Fakes.baseUrl()).put("webhookKey", Fakes.CAMPAY_WEBHOOK_KEY)
        .put("timeoutMs", 5000));
  }

  Future<Long> balance(String ownerId, Role role) {
    return as(ownerId, role, WalletAddresses.BALANCE, new JsonObject()).map(w -> w.getLong("balance"));
  }

  /** The owner's ledger entries, newest first (up to 100). */
  Future<List<JsonObject>> transactions(String ownerId, Role role) {
    return as(ownerId, role, WalletAddresses.TRANSACTIONS, new JsonObject().put("limit", 100))
      .map(page -> page.getJsonArray("items").stream().map(JsonObject.class::cast).toList());
  }

  /** What all escrow shards hold together. */
  Future<Long> escrow() {
    return sum(Account.ESCROW_PREFIX, config.escrowShards());
  }

  /** The platform's revenue (commissions, cancellation fees) over all its shards. */
  Future<Long> revenue() {
    return sum(Account.REVENUE_PREFIX, config.revenueShards());
  }

  /** The platform's promotions expense account ({@code sys_promotions}): minus what platform-funded promos cost. */
  Future<Long> promotions() {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS))
        .key(Items.key("walletId", Account.PROMOTIONS)).consistentRead(true)))
      .map(r -> r.hasItem() && r.item().containsKey("balance") ? Long.parseLong(r.item().get("balance").n()) : 0L);
  }

  /** The engine's own proof of the ledger: {@code {ok, sumOfBalances, mismatchCount, unbalancedCount, ...}}. */
  Future<JsonObject> reconcile() {
    return vertx.eventBus().<JsonObject>request(WalletAddresses.RECONCILE, new JsonObject()).map(Message::body);
  }

  private Future<Long> sum(String prefix, int shards) {
    List<Future<Long>> reads = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      String walletId = prefix + i;
      reads.add(dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS))
          .key(Items.key("walletId", walletId)).consistentRead(true)))
        .map(r -> r.hasItem() && r.item().containsKey("balance") ? Long.parseLong(r.item().get("balance").n()) : 0L));
    }
    return Future.all(reads).map(all -> {
      long total = 0;
      for (int i = 0; i < all.size(); i++) {
        total += all.<Long>resultAt(i);
      }
      return total;
    });
  }

  private Future<JsonObject> as(String id, Role role, String address, JsonObject body) {
    return BusClient.of(vertx).request(address, body, new Principal(id, role));
  }

  /** Entries of one kind (ORDER_PAYMENT, ORDER_REFUND, TOPUP, ...) in a statement. */
  static List<JsonObject> ofKind(List<JsonObject> entries, String kind) {
    return entries.stream().filter(e -> kind.equals(e.getString("kind"))).toList();
  }

  static JsonArray kinds(List<JsonObject> entries) {
    return new JsonArray(entries.stream().map(e -> e.getString("kind") + ":" + e.getString("type")).toList());
  }
}
