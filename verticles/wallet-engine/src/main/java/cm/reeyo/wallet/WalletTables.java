package cm.reeyo.wallet;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * The wallet engine's own tables (the ledger itself lives in CoreTables' {@code wallets}, {@code transactions} and
 * {@code idempotency}): Campay collections and withdrawals, and payout requests.
 */
public final class WalletTables implements TableProvider {

  public static final String PAYMENTS = "payments";
  public static final String PAYOUTS = "payouts";

  /** paymentId, reference (Campay's), externalReference, status PENDING|SUCCESSFUL|FAILED, amount, purpose. */
  public static final TableSpec PAYMENTS_TABLE = TableSpec.of(PAYMENTS, "paymentId")
    .index("reference-index", "reference", null)
    .index("status-index", "status", "createdAt");
  /** payoutId, ownerId, walletId, amount, status REQUESTED|PROCESSING|PAID|FAILED|REJECTED. */
  public static final TableSpec PAYOUTS_TABLE = TableSpec.of(PAYOUTS, "payoutId")
    .index("status-index", "status", "createdAt")
    .index("owner-index", "ownerId", "createdAt");

  @Override
  public List<TableSpec> tables() {
    return List.of(PAYMENTS_TABLE, PAYOUTS_TABLE);
  }
}
