package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Cash a rider collected for CASH orders: the rider's wallet may go down to {@code -riderCashLimit} (cash owed to the
 * platform). Answers a rider's headroom (how much more cash may be collected) and records a cash deposit an admin
 * received from the rider: one double-entry transfer from {@code sys_external_cash} to the rider's wallet, idempotent
 * per (rider, reference), audited with the admin as actor.
 */
final class RiderCash {

  private final Ledger ledger;
  private final WalletConfig config;

  RiderCash(Ledger ledger, WalletConfig config) {
    this.ledger = ledger;
    this.config = config;
  }

  /** {@code {riderId}} → {@code {riderId, balance, cashLimit, headroom}}; headroom = balance + cashLimit. */
  Future<JsonObject> position(JsonObject body) {
    String riderId = Fields.text(body, "riderId");
    return ledger.wallet(Account.walletIdOf(riderId)).map(w -> {
      long balance = w == null ? 0 : w.getLong("balance", 0L);
      return new JsonObject().put("riderId", riderId).put("balance", balance).put("cashLimit", config.riderCashLimit())
        .put("headroom", balance + config.riderCashLimit());
    });
  }

  /** <em>caller</em> ADMIN; {@code {riderId, amount, reference}} → the transfer (with {@code replayed}). */
  Future<JsonObject> deposit(Principal caller, JsonObject body) {
    if (!caller.is(Role.ADMIN)) {
      throw ErrorCode.FORBIDDEN.exception("Only admins record cash deposits");
    }
    String riderId = Fields.text(body, "riderId");
    long amount = Fields.amount(body, "amount", 1);
    String reference = Fields.text(body, "reference");
    JsonObject request = new JsonObject().put("riderId", riderId).put("amount", amount).put("reference", reference);
    return ledger.execute(Transfer.of("cash-deposit#" + riderId + "#" + reference, "CASH_DEPOSIT", reference, request)
      .leg(Leg.debit(Account.externalCash(), amount, "Cash handed in by rider " + riderId))
      .leg(Leg.credit(Account.owner(riderId, Role.RIDER.name()), amount, "Cash deposit " + reference))
      .result("riderId", riderId).result("amount", amount).result("reference", reference)
      .actor(caller.id(), Role.ADMIN.name()));
  }
}
