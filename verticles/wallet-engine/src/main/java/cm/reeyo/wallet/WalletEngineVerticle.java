package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The wallet engine: the only writer of balances. Wires the ledger, order flows, Campay collections, webhooks,
 * payouts, the pending-payment poller and the reconciliation job to the addresses of {@link WalletAddresses}.
 */
public class WalletEngineVerticle extends VerticleBase {

  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private CampayClient campay;

  @Override
  public Future<?> start() {
    Clock clock = Clock.systemUTC();
    WalletConfig config = WalletConfig.from(config());
    CampayConfig campayConfig = CampayConfig.from(config());
    Dynamo dynamo = Dynamo.acquire(vertx, config());
    AuditLog audit = new AuditLog(dynamo, clock);
    Ledger ledger = new Ledger(vertx, dynamo, audit, new LedgerEvents(vertx, clock), config.maxAttempts(),
      config.maxInFlight(), clock);
    campay = new CampayClient(vertx, campayConfig, clock);
    Payments payments = new Payments(dynamo, clock);
    PayoutStore payoutStore = new PayoutStore(dynamo, clock);
    Confirmations confirmations = new Confirmations(vertx, ledger, payments, payoutStore, dynamo, config, audit);
    OrderFlows orders = new OrderFlows(ledger, dynamo, config, clock);
    Collections collections = new Collections(payments, campay, audit);
    WebhookVerifier verifier = new WebhookVerifier(vertx, campayConfig.webhookKey(), clock);
    Webhooks webhooks = new Webhooks(verifier, payments, confirmations, audit);
    Payouts payouts = new Payouts(ledger, payoutStore, payments, confirmations, campay, config, audit, clock);
    WalletQueries queries = new WalletQueries(dynamo, ledger, clock);
    Reconciler reconciler = new Reconciler(dynamo, audit, clock);
    WalletStats stats = new WalletStats(dynamo, config.revenueShards(), clock);
    PaymentPoller poller = new PaymentPoller(vertx, payments, campay, confirmations, config, clock);

    Future<Void> tables = dynamo.createTablesOnStart() ? new TableBootstrap(dynamo).ensureAll() : Future.succeededFuture();
    return tables.compose(v -> {
      serve(WalletAddresses.OPEN, b -> queries.open(Bus.text(b, "ownerId"), Bus.text(b, "ownerType")));
      serveAs(WalletAddresses.BALANCE, (caller, b) -> queries.balance(caller));
      serveAs(WalletAddresses.TRANSACTIONS, queries::transactions);
      serve(WalletAddresses.PAY_ORDER, orders::pay);
      serve(WalletAddresses.SETTLE_ORDER, orders::settle);
      serve(WalletAddresses.REFUND_ORDER, orders::refund);
      serveAs(WalletAddresses.TOPUP, collections::topup);
      serve(WalletAddresses.COLLECT_FOR_ORDER, collections::forOrder);
      serve(WalletAddresses.CAMPAY_WEBHOOK, webhooks::receive);
      serveAs(WalletAddresses.PAYOUT_REQUEST, payouts::request);
      serveAs(WalletAddresses.PAYOUT_LIST, payouts::list);
      serveAs(WalletAddresses.PAYOUT_DECIDE, payouts::decide);
      serve(WalletAddresses.RECONCILE, b -> reconciler.run());
      serveAs(WalletAddresses.STATS, stats::day);
      serve(WalletAddresses.POLL_PAYMENTS, b -> poller.pollOnce().map(n -> new JsonObject().put("resolved", n)));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
      })
      .onSuccess(v -> {
        timers.add(poller.start());
        if (!config.reconcileInterval().isZero()) {
          timers.add(vertx.setPeriodic(config.reconcileInterval().toMillis(), id -> reconciler.run()));
        }
      });
  }

  private void serve(String address, Function<JsonObject, Future<JsonObject>> work) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, msg -> Bus.serve(msg, work)));
  }

  private void serveAs(String address, BiFunction<cm.reeyo.contracts.Principal, JsonObject, Future<JsonObject>> work) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address,
      (Message<JsonObject> msg) -> Bus.serve(msg, body -> work.apply(Bus.caller(msg), body))));
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (campay != null) {
      campay.close();
    }
    Dynamo.release(vertx);
    return Future.succeededFuture();
  }
}
