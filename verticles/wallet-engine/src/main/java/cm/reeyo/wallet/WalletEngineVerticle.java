package cm.reeyo.wallet;

import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The wallet engine: the only writer of balances. Wires the ledger, order flows, Campay collections, webhooks,
 * payouts, the pending-payment poller and the reconciliation job to the addresses of {@link WalletAddresses}.
 */
public class WalletEngineVerticle extends VerticleBase {

  private final List<Long> timers = new ArrayList<>();
  private static final Logger LOG = LoggerFactory.getLogger(WalletEngineVerticle.class);

  private CampayClient campay;
  private WalletRecovery recovery;
  private BusServer bus;

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
    WalletFollowUps followUps = new WalletFollowUps(vertx, dynamo, config());
    Confirmations confirmations = new Confirmations(vertx, ledger, payments, payoutStore, dynamo, config, audit, followUps);
    OrderFlows orders = new OrderFlows(ledger, dynamo, config, clock);
    Collections collections = new Collections(payments, campay, audit);
    WebhookVerifier verifier = new WebhookVerifier(vertx, campayConfig.webhookKey(), clock);
    Webhooks webhooks = new Webhooks(verifier, payments, confirmations, campay, audit);
    PayoutSender sender = new PayoutSender(vertx, payments, payoutStore, confirmations, campay, audit);
    Payouts payouts = new Payouts(vertx, ledger, payoutStore, payments, sender, followUps, dynamo, config, audit, clock);
    recovery = new WalletRecovery(followUps, payments, sender, followUps.lease(dynamo));
    WalletQueries queries = new WalletQueries(dynamo, ledger, clock);
    Reconciler reconciler = new Reconciler(dynamo, audit, clock, config.reconcileLag());
    WalletStats stats = new WalletStats(dynamo, config.revenueShards(), config.escrowShards(), clock);
    RiderCash riderCash = new RiderCash(ledger, config);
    PaymentPoller poller = new PaymentPoller(vertx, payments, campay, confirmations, config, clock);

    Future<Void> tables = dynamo.createTablesOnStart() ? new TableBootstrap(dynamo).ensureAll() : Future.succeededFuture();
    bus = BusServer.on(vertx);
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
      bus.serveBody(WalletAddresses.RECONCILE, b -> reconciler.run(Boolean.TRUE.equals(b.getValue("full"))));
      bus.serveAs(WalletAddresses.STATS, stats::day);
      bus.serveBody(WalletAddresses.RIDER_CASH, riderCash::position);
      bus.serveAs(WalletAddresses.CASH_DEPOSIT, riderCash::deposit);
      bus.serveBody(WalletAddresses.POLL_PAYMENTS, b -> poller.pollOnce().map(n -> new JsonObject().put("resolved", n)));
      return bus.ready();
      })
      .onSuccess(v -> {
        timers.add(poller.start());
        timers.add(vertx.setPeriodic(followUps.intervalMs(), id -> recovery.tick()
          .onFailure(f -> LOG.warn("wallet recovery sweep failed: {}", f.getMessage()))));
        if (!config.reconcileInterval().isZero()) {
          timers.add(vertx.setPeriodic(config.reconcileInterval().toMillis(), id -> reconciler.run()));
        }
      });
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    Future<Void> drained = bus == null ? Future.succeededFuture() : bus.drain();
    return drained.eventually(() -> recovery == null ? Future.succeededFuture() : recovery.stop().otherwiseEmpty())
      .eventually(() -> {
        if (campay != null) {
          campay.close();
        }
        Dynamo.release(vertx);
        return Future.succeededFuture();
      });
  }
}
