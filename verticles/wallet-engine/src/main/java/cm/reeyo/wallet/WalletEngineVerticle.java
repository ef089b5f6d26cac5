package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The wallet engine: the only writer of balances. Wires the ledger, order flows, Campay collections, webhooks,
 * payouts, the pending-payment poller and the reconciliation job to the addresses of {@link WalletAddresses}.
 */
public class WalletEngineVerticle extends VerticleBase {

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
    Webhooks webhooks = new Webhooks(verifier, payments, confirmations, campay, audit);
    Payouts payouts = new Payouts(ledger, payoutStore, payments, confirmations, campay, config, audit, clock);
    WalletQueries queries = new WalletQueries(dynamo, ledger, clock);
    Reconciler reconciler = new Reconciler(dynamo, audit, clock);
    WalletStats stats = new WalletStats(dynamo, config.revenueShards(), config.escrowShards(), clock);
    RiderCash riderCash = new RiderCash(ledger, config);
    PaymentPoller poller = new PaymentPoller(vertx, payments, campay, confirmations, config, clock);

    Future<Void> tables = dynamo.createTablesOnStart() ? new TableBootstrap(dynamo).ensureAll() : Future.succeededFuture();
    BusServer bus = BusServer.on(vertx);
    return tables.compose(v -> {
      bus.serveBody(WalletAddresses.OPEN, b -> queries.open(Fields.text(b, "ownerId"), Fields.text(b, "ownerType")));
      bus.serveAs(WalletAddresses.BALANCE, (caller, b) -> queries.balance(caller));
      bus.serveAs(WalletAddresses.TRANSACTIONS, queries::transactions);
      bus.serveBody(WalletAddresses.PAY_ORDER, orders::pay);
      bus.serveBody(WalletAddresses.SETTLE_ORDER, orders::settle);
      bus.serveBody(WalletAddresses.REFUND_ORDER, orders::refund);
      bus.serveBody(WalletAddresses.TIP_ORDER, orders::tip);
      bus.serveAs(WalletAddresses.TOPUP, collections::topup);
      bus.serveBody(WalletAddresses.COLLECT_FOR_ORDER, collections::forOrder);
      bus.serveBody(WalletAddresses.CAMPAY_WEBHOOK, webhooks::receive);
      bus.serveAs(WalletAddresses.PAYOUT_REQUEST, payouts::request);
      bus.serveAs(WalletAddresses.PAYOUT_LIST, payouts::list);
      bus.serveAs(WalletAddresses.PAYOUT_DECIDE, payouts::decide);
      bus.serveBody(WalletAddresses.RECONCILE, b -> reconciler.run());
      bus.serveAs(WalletAddresses.STATS, stats::day);
      bus.serveBody(WalletAddresses.RIDER_CASH, riderCash::position);
      bus.serveAs(WalletAddresses.CASH_DEPOSIT, riderCash::deposit);
      bus.serveBody(WalletAddresses.POLL_PAYMENTS, b -> poller.pollOnce().map(n -> new JsonObject().put("resolved", n)));
      return bus.ready();
      })
      .onSuccess(v -> {
        timers.add(poller.start());
        if (!config.reconcileInterval().isZero()) {
          timers.add(vertx.setPeriodic(config.reconcileInterval().toMillis(), id -> reconciler.run()));
        }
      });
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
