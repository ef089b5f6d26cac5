package cm.reeyo.contracts;

/** Event names the apps receive over the bridge (the spec's real-time events). */
public enum ClientEvent {
  NEW_ORDER("new_order"),
  ORDER_ACCEPTED("order_accepted"),
  ORDER_PREPARING("order_preparing"),
  ORDER_READY("order_ready"),
  RIDER_ASSIGNED("rider_assigned"),
  RIDER_LOCATION_UPDATE("rider_location_update"),
  ORDER_DELIVERED("order_delivered"),
  ORDER_CANCELLED("order_cancelled"),
  ORDER_REJECTED("order_rejected"),
  OFFER_WITHDRAWN("offer_withdrawn"),
  ORDER_UNASSIGNED("order_unassigned"),
  PAYMENT_CONFIRMED("payment_confirmed"),
  PAYMENT_FAILED("payment_failed"),
  WALLET_UPDATED("wallet_updated"),
  TYPING("typing"),
  NOTIFICATION("notification");

  private final String wireName;

  ClientEvent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
