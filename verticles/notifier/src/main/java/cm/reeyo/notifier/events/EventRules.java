package cm.reeyo.notifier.events;

import cm.reeyo.notifier.Channel;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static cm.reeyo.notifier.Channel.EMAIL;
import static cm.reeyo.notifier.Channel.INBOX;
import static cm.reeyo.notifier.Channel.PUSH;
import static cm.reeyo.notifier.Channel.SMS;

/**
 * Who hears about which domain event, on which channels, with which template. One line per rule: to notify
 * someone of a new event type, add a line here (and its texts in {@code notifier/templates.json}). Event types are
 * exactly what the producers publish: the order engine on {@code orders.v1.events} ({@code order.<status>} with
 * {@code _} as {@code -}, {@code order.rider-assigned}, {@code order.rider-offered}), the wallet engine on
 * {@code wallet.v1.events} (the transfer kind: {@code TOPUP}, {@code PAYOUT_PAID}, {@code PAYOUT_REJECTED}, ...).
 */
public final class EventRules {

  /** The people an event can concern. */
  public enum Party {
    /** The order's customer ({@code order.userId}). */
    CUSTOMER,
    /** The order's vendor ({@code order.vendorId}). */
    VENDOR,
    /** The order's rider ({@code order.riderId}), once assigned. */
    RIDER,
    /** The riders an order was offered to ({@code riderIds} of a {@code rider_offered} event). */
    OFFERED_RIDERS,
    /** The account whose wallet moved: the event's {@code ownerId}, else the one owner wallet among its legs. */
    WALLET_OWNER
  }

  /** Tell {@code party} with {@code template} on {@code channels}. */
  public record Rule(Party party, String template, Set<Channel> channels) {
    static Rule of(Party party, String template, Channel... channels) {
      return new Rule(party, template, Set.of(channels));
    }
  }

  private static final Map<String, List<Rule>> ORDER_EVENTS = Map.of(
    "order.placed", List.of(Rule.of(Party.VENDOR, "new_order", PUSH, INBOX), Rule.of(Party.CUSTOMER, "order_placed", INBOX)),
    "order.rider-offered", List.of(Rule.of(Party.OFFERED_RIDERS, "new_order", PUSH)),
    "order.accepted", List.of(Rule.of(Party.CUSTOMER, "order_accepted", PUSH, INBOX)),
    "order.ready", List.of(Rule.of(Party.CUSTOMER, "order_ready", PUSH, INBOX), Rule.of(Party.RIDER, "pickup_ready", PUSH, INBOX)),
    "order.rider-assigned", List.of(Rule.of(Party.CUSTOMER, "rider_assigned", PUSH, SMS, INBOX)),
    "order.delivered", List.of(Rule.of(Party.CUSTOMER, "order_delivered", EMAIL, PUSH, INBOX)),
    "order.cancelled", List.of(Rule.of(Party.CUSTOMER, "order_cancelled", SMS, PUSH, INBOX),
      Rule.of(Party.VENDOR, "order_cancelled", PUSH, INBOX)),
    "order.rejected", List.of(Rule.of(Party.CUSTOMER, "order_cancelled", SMS, PUSH, INBOX)));

  private static final Map<String, List<Rule>> WALLET_EVENTS = Map.of(
    "TOPUP", List.of(Rule.of(Party.WALLET_OWNER, "topup_confirmed", PUSH, SMS, INBOX)),
    "PAYOUT_PAID", List.of(Rule.of(Party.WALLET_OWNER, "payout_approved", EMAIL, PUSH, INBOX)),
    "PAYOUT_REJECTED", List.of(Rule.of(Party.WALLET_OWNER, "payout_rejected", EMAIL, PUSH, INBOX)));

  private EventRules() {
  }

  public static List<Rule> forOrderEvent(String type) {
    return ORDER_EVENTS.getOrDefault(type, List.of());
  }

  public static List<Rule> forWalletEvent(String type) {
    return WALLET_EVENTS.getOrDefault(type, List.of());
  }

  /** Every (template, channel) the rules use: a test checks each has its texts. */
  public static List<Map.Entry<String, Channel>> templatesUsed() {
    return java.util.stream.Stream.concat(ORDER_EVENTS.values().stream(), WALLET_EVENTS.values().stream())
      .flatMap(List::stream)
      .flatMap(rule -> rule.channels().stream().map(c -> Map.entry(rule.template(), c)))
      .distinct()
      .toList();
  }
}
