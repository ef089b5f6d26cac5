package cm.reeyo.wallet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a reconciliation run found, in bounded memory: counts, and the first {@value #LISTED} problems of each kind
 * (so a report stays readable and loggable however many there are).
 */
final class ReconcileReport {

  static final int LISTED = 20;

  long sumOfBalances;
  long wallets;
  long walletsRead;
  long entries;
  long transfers;
  long transferEntries;
  String firstWalletAt;
  Checkpoints.TransferMark mark;
  private long mismatchCount;
  private long unbalancedCount;
  private final JsonArray mismatches = new JsonArray();
  private final JsonArray unbalanced = new JsonArray();

  void mismatch(JsonObject wallet) {
    if (mismatchCount++ < LISTED) {
      mismatches.add(wallet);
    }
  }

  void unbalanced(JsonObject transfer) {
    if (unbalancedCount++ < LISTED) {
      unbalanced.add(transfer);
    }
  }

  void walletSeen(long balance, String createdAt) {
    wallets++;
    sumOfBalances += balance;
    if (createdAt != null && (firstWalletAt == null || createdAt.compareTo(firstWalletAt) < 0)) {
      firstWalletAt = createdAt;
    }
  }

  JsonObject toJson(boolean full) {
    return new JsonObject().put("ok", sumOfBalances == 0 && mismatchCount == 0 && unbalancedCount == 0)
      .put("full", full).put("sumOfBalances", sumOfBalances).put("wallets", wallets).put("walletsRead", walletsRead)
      .put("entries", entries).put("transfers", transfers).put("transferEntries", transferEntries)
      .put("mismatchCount", mismatchCount).put("mismatches", mismatches)
      .put("unbalancedCount", unbalancedCount).put("unbalancedTransfers", unbalanced)
      .put("checkpoint", mark == null ? null : new JsonObject().put("day", mark.day()).put("at", mark.at()));
  }
}
