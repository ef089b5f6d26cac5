package cm.reeyo.wallet;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One ledger account as a transfer touches it: wallet id, owner, owner type and the lowest balance this transfer
 * may leave it at. Owner wallets are {@code wallet_<ownerId>}; system accounts are {@code sys_escrow#<shard>},
 * {@code sys_revenue#<shard>}, {@code sys_payouts_in_flight}, {@code sys_external_campay}, {@code sys_external_cash} and {@code sys_promotions}.
 */
public record Account(String walletId, String ownerId, String ownerType, long floor) {

  public static final String PLATFORM = "PLATFORM";
  public static final String ESCROW_PREFIX = "sys_escrow#";
  public static final String REVENUE_PREFIX = "sys_revenue#";
  public static final String PAYOUTS_IN_FLIGHT = "sys_payouts_in_flight";
  public static final String EXTERNAL_CAMPAY = "sys_external_campay";
  public static final String EXTERNAL_CASH = "sys_external_cash";
  public static final String PROMOTIONS = "sys_promotions";

  public static String walletIdOf(String ownerId) {
    return "wallet_" + ownerId;
  }

  /** A customer, vendor or rider wallet that may not go below zero. */
  public static Account owner(String ownerId, String ownerType) {
    return new Account(walletIdOf(ownerId), ownerId, ownerType, 0);
  }

  public static Account owner(String ownerId, String ownerType, long floor) {
    return new Account(walletIdOf(ownerId), ownerId, ownerType, floor);
  }

  public static Account escrow(String walletId) {
    return new Account(walletId, PLATFORM, PLATFORM, 0);
  }

  /** The escrow shard an order's money waits in: stable per order, spread over {@code shards} items. */
  public static Account escrowFor(String orderId, int shards) {
    return escrow(ESCROW_PREFIX + shard(orderId, shards));
  }

  public static Account revenueFor(String key, int shards) {
    return new Account(REVENUE_PREFIX + shard(key, shards), PLATFORM, PLATFORM, 0);
  }

  public static Account payoutsInFlight() {
    return new Account(PAYOUTS_IN_FLIGHT, PLATFORM, PLATFORM, 0);
  }

  /** Mirrors money entering (negative) and leaving (positive) through Campay; unbounded. */
  public static Account externalCampay() {
    return new Account(EXTERNAL_CAMPAY, PLATFORM, PLATFORM, Long.MIN_VALUE);
  }

  /** Mirrors cash riders hand in to the platform (negative: cash received); unbounded. */
  public static Account externalCash() {
    return new Account(EXTERNAL_CASH, PLATFORM, PLATFORM, Long.MIN_VALUE);
  }

  /**
   * The platform's promotions expense: debited by each platform-funded promo discount at settlement (its balance is
   * minus what promotions have cost); unbounded.
   */
  public static Account promotions() {
    return new Account(PROMOTIONS, PLATFORM, PLATFORM, Long.MIN_VALUE);
  }

  public boolean isOwnerWallet() {
    return !PLATFORM.equals(ownerType);
  }

  static int shard(String key, int shards) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }
}
