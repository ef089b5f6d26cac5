package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Lease;
import cm.reeyo.storage.Dynamo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.UUID;

/**
 * The wallet engine's durable follow-ups ({@link FollowUps}, domain {@value #DOMAIN}): each is written in the same
 * transaction as the money movement or status change that makes it due, and deleted once its work is done.
 * <ul>
 *   <li>{@value #TELL_PAID} / {@value #TELL_FAILED} (ref: paymentId): the order engine must hear that an order's
 *   mobile-money payment reached escrow or failed;</li>
 *   <li>{@value #PAYOUT} (ref: payoutId): an approved payout must reach a final status at Campay.</li>
 * </ul>
 * Settings (node config {@code recovery}): {@code intervalMs}, {@code leaseMs}, {@code graceMs} (how long the
 * step's own attempt has before the sweeper steps in), {@code payoutRecheckMs}.
 */
final class WalletFollowUps {

  static final String DOMAIN = "wallet";
  static final String TELL_PAID = "TELL_PAID";
  static final String TELL_FAILED = "TELL_FAILED";
  static final String PAYOUT = "PAYOUT";
  static final String LEASE = "wallet-engine-recovery";

  private final Vertx vertx;
  private final FollowUps followUps;
  private final JsonObject settings;

  WalletFollowUps(Vertx vertx, Dynamo dynamo, JsonObject nodeConfig) {
    this.vertx = vertx;
    this.followUps = new FollowUps(dynamo, DOMAIN);
    this.settings = nodeConfig.getJsonObject("recovery", new JsonObject());
  }

  FollowUps store() {
    return followUps;
  }

  long intervalMs() {
    return settings.getLong("intervalMs", 5_000L);
  }

  Lease lease(Dynamo dynamo) {
    return new Lease(dynamo, LEASE, "wallet-engine-" + UUID.randomUUID(), settings.getLong("leaseMs", 15_000L));
  }

  /** The follow-up telling the order engine about payment {@code paymentId}, due after the grace period. */
  TransactWriteItem tellItem(String kind, String paymentId) {
    return followUps.putItem(kind, paymentId, System.currentTimeMillis() + settings.getLong("graceMs", 30_000L));
  }

  /** The follow-up of an approved payout, first re-checked after {@code payoutRecheckMs}. */
  TransactWriteItem payoutItem(String payoutId) {
    return followUps.putItem(PAYOUT, payoutId, System.currentTimeMillis() + payoutRecheckMs());
  }

  long payoutRecheckMs() {
    return settings.getLong("payoutRecheckMs", 120_000L);
  }

  TransactWriteItem doneItem(String kind, String ref) {
    return followUps.doneItem(kind, ref);
  }

  /**
   * Tells the order engine the outcome of an order's payment; the follow-up goes once the engine has answered (or
   * answered that the order has moved on). The engine's handlers are idempotent, so telling twice is harmless.
   */
  Future<Void> tell(String kind, JsonObject payment) {
    String paymentId = payment.getString("paymentId");
    JsonObject body = new JsonObject().put("orderId", payment.getString("orderId")).put("paymentId", paymentId);
    String address = TELL_PAID.equals(kind) ? OrderAddresses.PAYMENT_CONFIRMED : OrderAddresses.PAYMENT_FAILED;
    if (TELL_FAILED.equals(kind)) {
      body.put("reason", Confirmations.PAYMENT_FAILED_REASON);
    }
    return BusClient.of(vertx).request(address, body)
      .recover(f -> ErrorCode.ORDER_STATE_CONFLICT.matches(f) || ErrorCode.NOT_FOUND.matches(f)
        ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(f))
      .compose(answer -> followUps.done(kind, paymentId));
  }
}
