package cm.reeyo.notifier.events;

import cm.reeyo.contracts.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Events read as their producers publish them")
class EventReadingTest {

  private static JsonObject leg(String walletId, String ownerId, String ownerType, String type, long amount) {
    return new JsonObject().put("walletId", walletId).put("ownerId", ownerId).put("ownerType", ownerType)
      .put("type", type).put("amount", amount);
  }

  @Test
  @DisplayName("a TOPUP names no owner: the customer is the one owner wallet among its legs, the amount what moved on it")
  void topupOwnerFromLegs() {
    JsonObject event = new JsonObject().put("type", "TOPUP").put("reference", "pm_1").put("legs", new JsonArray()
      .add(leg("sys_external_campay", "PLATFORM", "PLATFORM", "DEBIT", 5000))
      .add(leg("wallet_user_1", "user_1", "USER", "CREDIT", 5000)));

    JsonObject subject = WalletEvents.subject(event);

    assertThat(subject.getString("ownerId")).isEqualTo("user_1");
    assertThat(subject.getLong("amount")).isEqualTo(5000);
    assertThat(EventRules.forWalletEvent("TOPUP")).isNotEmpty();
    assertThat(EventListener.recipients(EventRules.Party.WALLET_OWNER, subject, new JsonObject()))
      .containsExactly(new EventListener.Recipient(Role.USER, "user_1"));
  }

  @Test
  @DisplayName("a PAYOUT_REJECTED returns money to its owner: owner, amount and payoutId (its reference) are read off it")
  void payoutRejected() {
    JsonObject subject = WalletEvents.subject(new JsonObject().put("type", "PAYOUT_REJECTED").put("reference", "po_9")
      .put("reason", "Wrong number").put("legs", new JsonArray()
        .add(leg("sys_payouts_in_flight", "PLATFORM", "PLATFORM", "DEBIT", 8000))
        .add(leg("wallet_rider_2", "rider_2", "RIDER", "CREDIT", 8000))));

    assertThat(subject.getString("payoutId")).isEqualTo("po_9");
    assertThat(subject.getLong("amount")).isEqualTo(8000);
    assertThat(EventListener.recipients(EventRules.Party.WALLET_OWNER, subject, new JsonObject()))
      .containsExactly(new EventListener.Recipient(Role.RIDER, "rider_2"));
  }

  @Test
  @DisplayName("a settlement touches several owners: no single wallet owner is made up")
  void settlementHasNoSingleOwner() {
    JsonObject subject = WalletEvents.subject(new JsonObject().put("type", "ORDER_SETTLEMENT").put("legs", new JsonArray()
      .add(leg("sys_escrow#1", "PLATFORM", "PLATFORM", "DEBIT", 17000))
      .add(leg("wallet_rider_1", "rider_1", "RIDER", "CREDIT", 2000))
      .add(leg("wallet_vendor_1", "vendor_1", "VENDOR", "CREDIT", 12750))));

    assertThat(subject.getString("ownerId")).isNull();
    assertThat(EventListener.recipients(EventRules.Party.WALLET_OWNER, subject, new JsonObject())).isEmpty();
  }

  @Test
  @DisplayName("a cancelled order promises a refund only when it was paid: cash or unpaid orders say 0")
  void refundOnlyWhenPaid() {
    JsonObject paid = new JsonObject().put("total", 12000).put("paymentStatus", "REFUND_PENDING");
    JsonObject cash = new JsonObject().put("total", 12000).put("paymentStatus", "CASH_ON_DELIVERY");
    JsonObject event = new JsonObject().put("type", "order.cancelled");

    assertThat(EventListener.orderParams(event, paid, "order_abc123").getValue("refundAmount")).isEqualTo(12000);
    assertThat(EventListener.orderParams(event, cash, "order_abc123").getValue("refundAmount")).isEqualTo(0L);
  }

  @Test
  @DisplayName("the rules answer the order engine's own type names")
  void orderTypes() {
    for (String type : new String[]{"order.placed", "order.accepted", "order.ready", "order.rider-assigned",
      "order.delivered", "order.cancelled", "order.rejected", "order.rider-offered"}) {
      assertThat(EventRules.forOrderEvent(type)).as(type).isNotEmpty();
    }
  }
}
