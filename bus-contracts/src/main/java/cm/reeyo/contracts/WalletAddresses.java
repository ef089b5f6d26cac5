package cm.reeyo.contracts;

/** Bus addresses of the wallet engine, the only writer of balances. */
public final class WalletAddresses {
  public static final String OPEN = "wallet.v1.open";
  public static final String BALANCE = "wallet.v1.balance";
  public static final String TRANSACTIONS = "wallet.v1.transactions";
  public static final String PAY_ORDER = "wallet.v1.pay-order";
  public static final String SETTLE_ORDER = "wallet.v1.settle-order";
  public static final String REFUND_ORDER = "wallet.v1.refund-order";
  public static final String TOPUP = "wallet.v1.topup";
  public static final String COLLECT_FOR_ORDER = "wallet.v1.collect-order";
  public static final String CAMPAY_WEBHOOK = "wallet.v1.campay-webhook";
  public static final String PAYOUT_REQUEST = "wallet.v1.payout-request";
  public static final String PAYOUT_LIST = "wallet.v1.payout-list";
  public static final String PAYOUT_DECIDE = "wallet.v1.payout-decide";
  public static final String RECONCILE = "wallet.v1.reconcile";
  /** Publish: money movements {@code {"type", "transferId", "legs", "at"}}. */
  public static final String EVENTS = "wallet.v1.events";

  private WalletAddresses() {
  }
}
