package cm.reeyo.orders;

/** Redis keys of dispatch (beside the shared {@code riders:online} and {@code orders:pending}). */
final class DispatchKeys {

  private DispatchKeys() {
  }

  /** Set of riderIds holding an offer for the order. */
  static String offers(String orderId) {
    return "offers:" + orderId;
  }

  /**
   * Set of riderIds the order was ever offered to; outlives the offers by a day, so that a rider who lost the race
   * hears 409 while a rider who was never offered the order cannot learn that it exists (404).
   */
  static String offered(String orderId) {
    return "offered:" + orderId;
  }

  /** Sorted set orderId → offer expiry (epoch ms) of a rider. */
  static String riderOffers(String riderId) {
    return "rider-offers:" + riderId;
  }

  /** Set of orderIds a rider carries (assigned, not yet delivered or cancelled). */
  static String riderActive(String riderId) {
    return "rider-active:" + riderId;
  }

  /** Current dispatch round (index into the radii) of an order. */
  static String round(String orderId) {
    return "dispatch-round:" + orderId;
  }

  /** Present once the vendor and admins were told no rider took the order. */
  static String exhausted(String orderId) {
    return "dispatch-exhausted:" + orderId;
  }
}
