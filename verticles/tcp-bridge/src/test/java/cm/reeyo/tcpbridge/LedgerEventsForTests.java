package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Ledger events shaped as the wallet engine publishes them on {@code wallet.v1.events} (its LedgerEvents). */
final class LedgerEventsForTests {

  private LedgerEventsForTests() {
  }

  /** A confirmed Campay top-up of {@code amount} XAF into a customer's wallet. */
  static JsonObject topUp(String transferId, String userId, long amount) {
    JsonObject credit = new JsonObject().put("walletId", "wallet_" + userId).put("ownerId", userId)
      .put("ownerType", "USER").put("type", "CREDIT").put("amount", amount).put("balanceBefore", 0L)
      .put("balanceAfter", amount).put("description", "Top-up");
    JsonObject external = new JsonObject().put("walletId", "sys_external_campay").put("ownerId", "PLATFORM")
      .put("ownerType", "PLATFORM").put("type", "DEBIT").put("amount", amount).put("balanceBefore", 0L)
      .put("balanceAfter", -amount).put("description", "Top-up");
    return new JsonObject().put("type", "TOPUP").put("transferId", transferId).put("key", "topup#" + transferId)
      .put("reference", "ref-" + transferId).put("legs", new JsonArray().add(credit).add(external))
      .put("at", Instant.now().toString()).put("ownerId", userId).put("ownerType", "USER").put("amount", amount);
  }
}
