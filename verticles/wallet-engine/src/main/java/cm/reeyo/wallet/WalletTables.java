package cm.reeyo.wallet;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * The wallet engine's own tables (the ledger itself lives in CoreTables' {@code wallets}, {@code transactions} and
 * {@code idempotency}): Campay collections and withdrawals, payout requests, and reconciliation checkpoints.
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

  public static final String RECONCILIATION = "reconciliation";
  /**
   * Reconciliation progress, one item per {@code name}: {@code transfers} ({@code day}, {@code at}: every entry up to
   * there was checked in its transfer) and {@code wallet#<walletId>} ({@code seq}, {@code balance}, {@code at}: the
   * wallet's entries up to that sequence number chain to that balance). See {@link Checkpoints}.
   */
  public static final TableSpec RECONCILIATION_TABLE = TableSpec.of(RECONCILIATION, "name");

  @Override
  public List<TableSpec> tables() {
    return List.of(PAYMENTS_TABLE, PAYOUTS_TABLE, RECONCILIATION_TABLE);
  }
}
