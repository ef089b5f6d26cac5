package cm.reeyo.contracts;

/**
 * Bus addresses of the wallet engine, the only writer of balances (request/reply unless marked publish; JSON bodies;
 * whole XAF as integers). Addresses marked <em>caller</em> take the owner from the headers
 * {@link Principal#HEADER_ID} / {@link Principal#HEADER_ROLE}, never from the body. Failures carry {@link ErrorCode}s:
 * INSUFFICIENT_FUNDS, ALREADY_SETTLED, IDEMPOTENCY_KEY_REUSED, ORDER_STATE_CONFLICT, BELOW_MINIMUM, VALIDATION_FAILED,
 * CONFLICT (ledger busy after all retries: retry later), UPSTREAM_FAILED (Campay).
 * Every money movement is idempotent by its business key: a repeat answers the first result with {@code replayed: true}.
 * A movement answers {@code {transferId, key, kind, reference, legs: [{walletId, type, amount, balanceBefore,
 * balanceAfter, description}], replayed, ...}}.
 */
public final class WalletAddresses {
  /** {@code {ownerId, ownerType: USER|VENDOR|RIDER}} → the wallet {@code {walletId, balance, ...}} (created if missing). */
  public static final String OPEN = "wallet.v1.open";
  /** <em>caller</em>; {@code {}} → {@code {walletId, ownerId, ownerType, balance, currency, updatedAt}}. */
  public static final String BALANCE = "wallet.v1.balance";
  /**
   * <em>caller</em>; {@code {limit?, cursor?}} → {@code {items: [entry], nextCursor}}, newest first: the caller's own
   * entries; an ADMIN caller may add {@code ownerId} (any owner, or a platform account such as {@code sys_escrow#0}).
   */
  public static final String TRANSACTIONS = "wallet.v1.transactions";
  /**
   * Pay an order from the customer's wallet into escrow (key {@code pay#<orderId>}):
   * {@code {orderId, userId, amount, orderItem?, orderTable?: "orders"}}. With {@code orderItem} (the order record,
   * whose {@code orderId} must match) the order is Put with {@code attribute_not_exists(orderId)} in the SAME
   * DynamoDB transaction as the debit: both happen or neither (ALREADY_EXISTS if the order exists,
   * INSUFFICIENT_FUNDS if the balance is short). Answer adds {@code orderId, userId, amount, method, escrowWalletId}.
   */
  public static final String PAY_ORDER = "wallet.v1.pay-order";
  /**
   * Settle a delivered order (key {@code settle#<orderId>}): {@code {orderId, paymentMethod: WALLET|MOBILE_MONEY|CASH,
   * subtotal, deliveryFee, vendorId, riderId}}. Commission = round_half_up(subtotal × rate); vendor gets
   * subtotal − commission, rider the delivery fee, platform revenue the commission. WALLET/MOBILE_MONEY draw the
   * paid total from escrow (ORDER_STATE_CONFLICT if unpaid, UNPROCESSABLE if the total differs from what was paid);
   * CASH debits the rider the collected total (down to the rider cash limit) and credits the fee. ALREADY_SETTLED
   * after a refund. Answer adds {@code total, commission, vendorAmount, riderAmount}.
   */
  public static final String SETTLE_ORDER = "wallet.v1.settle-order";
  /**
   * Refund a cancelled/rejected order (key {@code refund#<orderId>}): {@code {orderId, amount}} — amount per the
   * cancellation rules (full before pickup), at most what was paid; the rest of the escrowed payment goes to platform
   * revenue as a cancellation fee. An unpaid order with amount 0 is just closed (a late mobile-money payment then lands
   * in the customer's wallet). ALREADY_SETTLED after a settlement.
   */
  public static final String REFUND_ORDER = "wallet.v1.refund-order";
  /** {@code {orderId, userId, riderId, amount}}: a tip after delivery, customer wallet → rider wallet (key tip#orderId). */
  public static final String TIP_ORDER = "wallet.v1.tip-order";
  /**
   * <em>caller</em> (USER); {@code {amount, phone, idempotencyKey?}} → {@code {paymentId, reference, status: PENDING,
   * amount, ussdCode, operator}}: Campay collection started; the wallet is credited when Campay confirms.
   */
  public static final String TOPUP = "wallet.v1.topup";
  /**
   * Mobile-money payment of an order: {@code {orderId, userId, amount, phone, attempt?}} → as {@link #TOPUP}. On
   * confirmation the money goes to escrow (key {@code pay#<orderId>}) and the order engine gets
   * {@code {orderId, paymentId}} on {@link OrderAddresses#PAYMENT_CONFIRMED}.
   */
  public static final String COLLECT_FOR_ORDER = "wallet.v1.collect-order";
  /**
   * Campay's webhook fields as received (status, reference, amount, currency, operator, code, operator_reference,
   * signature, external_reference) → {@code {paymentId, status, applied}}. UNAUTHORIZED (bad signature), NOT_FOUND
   * (unknown payment), UNPROCESSABLE (amount or reference not ours).
   */
  public static final String CAMPAY_WEBHOOK = "wallet.v1.campay-webhook";
  /** <em>caller</em> (VENDOR|RIDER); {@code {amount, phone, idempotencyKey?}} → the payout (status REQUESTED). */
  public static final String PAYOUT_REQUEST = "wallet.v1.payout-request";
  /** <em>caller</em>; {@code {status?, limit?, cursor?}} → {@code {items, nextCursor}}: own payouts, or by status for ADMIN. */
  public static final String PAYOUT_LIST = "wallet.v1.payout-list";
  /** <em>caller</em> (ADMIN); {@code {payoutId, decision: APPROVE|REJECT, reason?}} → the payout. */
  public static final String PAYOUT_DECIDE = "wallet.v1.payout-decide";
  /**
   * {@code {full?: boolean}} → {@code {ok, full, sumOfBalances, wallets, walletsRead, entries, transfers,
   * transferEntries, mismatchCount, mismatches (first 20), unbalancedCount, unbalancedTransfers (first 20),
   * checkpoint: {day, at}, checkedAt, elapsedMs}}. Incremental from the stored checkpoints unless {@code full};
   * CONFLICT while another run is going on that engine.
   */
  public static final String RECONCILE = "wallet.v1.reconcile";
  /**
   * <em>caller</em> (ADMIN); {@code {day?: YYYY-MM-DD (UTC, default today)}} → {@code {date, revenueToday (net amount
   * credited that day to the platform revenue accounts: commissions and cancellation fees), pendingPayouts: {count,
   * amount} (REQUESTED, awaiting an admin)}}.
   */
  public static final String STATS = "wallet.v1.stats";
  /** {@code {riderId}} → {@code {riderId, balance, cashLimit, headroom}}: cash a rider may still collect (balance + limit). */
  public static final String RIDER_CASH = "wallet.v1.rider-cash";
  /**
   * <em>caller</em> (ADMIN); {@code {riderId, amount, reference}} → the transfer {@code {transferId, riderId, amount,
   * reference, legs, replayed}}: cash a rider handed in, credited to the rider's wallet (idempotent per reference).
   */
  public static final String CASH_DEPOSIT = "wallet.v1.cash-deposit";
  /** {@code {}} → {@code {resolved}}: runs one pass of the pending-payment poller now. */
  public static final String POLL_PAYMENTS = "wallet.v1.poll-payments";
  /**
   * Publish: money movements {@code {"type", "transferId", "key", "reference", "legs": [{walletId, ownerId, ownerType,
   * type, amount, balanceBefore, balanceAfter, description}], "at"}} where type is the transfer kind (TOPUP,
   * ORDER_PAYMENT, ORDER_SETTLEMENT, ORDER_REFUND, PAYOUT_HOLD, PAYOUT_PAID, PAYOUT_RETURNED, PAYOUT_REJECTED), plus
   * {@code ownerId, ownerType, amount, payoutId, reason} when the transfer names whom it concerns (a paid payout moves
   * no owner wallet); and {@code {"type": "PAYMENT_FAILED", paymentId, orderId, purpose}}.
   */
  public static final String EVENTS = "wallet.v1.events";

  private WalletAddresses() {
  }
}
