package cm.reeyo.wallet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves payments that stay PENDING past {@code pendingStaleSeconds} (Campay's webhook fires only on a final
 * status and may never arrive): asks Campay for each one's state and applies it like a webhook. One poller at a time
 * across the cluster (a shared-data lock); the confirmation is idempotent anyway.
 */
final class PaymentPoller {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentPoller.class);
  private static final String LOCK = "wallet.payment-poller";

  private final Vertx vertx;
  private final Payments payments;
  private final CampayClient campay;
  private final Confirmations confirmations;
  private final WalletConfig config;
  private final Clock clock;

  PaymentPoller(Vertx vertx, Payments payments, CampayClient campay, Confirmations confirmations, WalletConfig config,
                Clock clock) {
    this.vertx = vertx;
    this.payments = payments;
    this.campay = campay;
    this.confirmations = confirmations;
    this.config = config;
    this.clock = clock;
  }

  long start() {
    return vertx.setPeriodic(config.pollerInterval().toMillis(), id -> pollOnce()
      .onFailure(f -> LOG.warn("payment poll failed: {}", f.getMessage())));
  }

  /** One pass; answers how many payments reached a final status. */
  Future<Integer> pollOnce() {
    return vertx.sharedData().getLockWithTimeout(LOCK, 100).compose(lock ->
      payments.pendingBefore(clock.instant().minus(config.pendingStale()), 50)
        .compose(this::resolveAll)
        .andThen(r -> lock.release()));
  }

  private Future<Integer> resolveAll(List<JsonObject> pending) {
    List<Future<Boolean>> each = new ArrayList<>();
    for (JsonObject p : pending) {
      String reference = p.getString("reference");
      if (reference == null) {
        LOG.warn("payment {} is pending without a Campay reference; needs a manual check", p.getString("paymentId"));
        continue;
      }
      each.add(campay.transaction(reference)
        .compose(t -> confirmations.apply(p, t.getString("status"), Webhooks.amount(t.getValue("amount")), "poller"))
        .map(r -> r.getBoolean("applied", false))
        .recover(f -> {
          LOG.warn("payment {} not resolved: {}", p.getString("paymentId"), f.getMessage());
          return Future.succeededFuture(false);
        }));
    }
    return Future.join(each).map(all -> (int) each.stream().filter(f -> Boolean.TRUE.equals(f.result())).count());
  }
}
