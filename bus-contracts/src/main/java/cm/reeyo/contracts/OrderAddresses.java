package cm.reeyo.contracts;

/** Bus addresses of the order engine (request/reply unless marked publish). Bodies are JSON objects. */
public final class OrderAddresses {
  public static final String PLACE = "orders.v1.place";
  public static final String GET = "orders.v1.get";
  public static final String LIST = "orders.v1.list";
  public static final String TRANSITION = "orders.v1.transition";
  public static final String CANCEL = "orders.v1.cancel";
  public static final String RATE = "orders.v1.rate";
  /** {@code {vendorId, limit?, cursor?}} → a page of reviews, newest first, with {@code histogram}. */
  public static final String REVIEWS = "orders.v1.reviews";
  /** The vendor's {@code {orderId, reply}} to the review of one of its orders. */
  public static final String REVIEW_REPLY = "orders.v1.review-reply";
  /** The caller's favourite vendors, a page. */
  public static final String FAVOURITES = "orders.v1.favourites";
  /** {@code {vendorId, favourite}}: marks or unmarks a favourite vendor. */
  public static final String FAVOURITE_SET = "orders.v1.favourite-set";
  /** {@code {orderId}} → a new order preview at current prices. */
  public static final String REORDER = "orders.v1.reorder";
  /** {@code {orderId, amount}}: the customer tips the rider of a delivered order (within 24 h, once). */
  public static final String TIP = "orders.v1.tip";
  public static final String OFFERS = "orders.v1.offers";
  public static final String RIDER_ACCEPT = "orders.v1.rider-accept";
  public static final String ACTIVE_FOR_RIDER = "orders.v1.active-for-rider";
  public static final String PARTY_CHECK = "orders.v1.party-check";
  /** From the wallet engine: {@code {orderId, paymentId}} moves a MOBILE_MONEY order AWAITING_PAYMENT → PENDING. */
  public static final String PAYMENT_CONFIRMED = "orders.v1.payment-confirmed";
  /**
   * From the wallet engine when Campay reports the payment FAILED: {@code {orderId, paymentId, reason: "payment_failed"}}
   * cancels a MOBILE_MONEY order still AWAITING_PAYMENT (cancelReason = reason; the customer gets order_cancelled).
   */
  public static final String PAYMENT_FAILED = "orders.v1.payment-failed";
  /**
   * ADMIN callers; {@code {riderId}} → {@code {riderId, settled: [orderId], stillBlocked: [orderId]}}: settles the
   * rider's CASH orders blocked by the cash limit (after a cash deposit).
   */
  public static final String RELEASE_BLOCKED = "orders.v1.release-blocked";
  /** Rider goes online/offline: {@code {isOnline, lat, lng}} (principal in headers; APPROVED riders only). */
  public static final String RIDER_STATUS = "orders.v1.rider-status";
  /** Today's rider leaderboard by earnings: {@code {limit}} → {@code {items:[{riderId, earnings}]}}. */
  public static final String LEADERBOARD = "orders.v1.leaderboard";
  /**
   * Dashboard figures, ADMIN callers only: {@code {day?: YYYY-MM-DD (UTC, default today)}} → {@code {date,
   * ordersToday: {STATUS: n, ...every status}, ordersTotal, averageDeliveryMinutes (placement to delivery over the day's
   * delivered orders; null when none), deliveredCount, ridersOnline (riders in riders:online now)}}.
   */
  public static final String STATS = "orders.v1.stats";
  /**
   * Repair of a day's dashboard counters, ADMIN callers only: {@code {day?: YYYY-MM-DD (UTC, default today)}} →
   * {@code {day, ok (false when some shard moved during the recount: run again), ordersScanned, pages, correctedCount,
   * corrected: [{shard, field, counted, recounted}], busyShards: [shard], elapsedMs}}. Recounts the day's orders page
   * by page and sets each shard's counters to the recount when they differ.
   */
  public static final String STATS_REPAIR = "orders.v1.stats-repair";
  /**
   * Publish: domain events {@code {"type", "orderId", "status", "order", "at"}}; {@code order} is the record as its
   * vendor sees it (no delivery code): userId, vendorId, riderId, items [{itemId, name, price, quantity, lineTotal}],
   * subtotal, deliveryFee, total, paymentMethod, paymentStatus, cancelReason, ... Types: {@code order.<status>} in lower
   * case with {@code -} for {@code _} (order.placed, order.accepted, order.preparing, order.ready, order.picked-up,
   * order.delivered, order.cancelled, order.rejected), {@code order.rider-assigned}, {@code order.no-rider}, and
   * {@code order.rider-offered} with {@code riderIds} (the riders just offered the order).
   */
  public static final String EVENTS = "orders.v1.events";

  /**
   * ADMIN callers: a promo code {@code {code, kind: PERCENT|FIXED, value, maxDiscount?, minSubtotal?, startsAt?, endsAt?,
   * perCustomerLimit?, totalLimit, fundedBy: PLATFORM|VENDOR, vendorId?, active?, description?}} → the stored promo
   * (with {@code used}); ALREADY_EXISTS for a code taken.
   */
  public static final String PROMO_CREATE = "orders.v1.promo-create";
  /** ADMIN callers: {@code {limit?, cursor?}} → {@code {items, nextCursor}}. */
  public static final String PROMO_LIST = "orders.v1.promo-list";
  /** ADMIN callers: {@code {code}} → the promo. */
  public static final String PROMO_GET = "orders.v1.promo-get";
  /** ADMIN callers: {@code {code, fields}} (active, endsAt, limits, ...) → the promo; deactivation is {@code active: false}. */
  public static final String PROMO_UPDATE = "orders.v1.promo-update";
  /** USER callers: {@code {promoCode, vendorId, items}} → {@code {promoCode, subtotal, discount, fundedBy, ...}}, no use taken. */
  public static final String PROMO_PREVIEW = "orders.v1.promo-preview";

  public static final String CATALOG_NEARBY = "catalog.v1.nearby";
  /** Vendors and dishes found by text near a point: {@code {vendors, items, nextCursor}}. */
  public static final String CATALOG_SEARCH = "catalog.v1.search";
  public static final String CATALOG_VENDOR = "catalog.v1.vendor";
  public static final String CATALOG_MENU = "catalog.v1.menu";
  /** Vendor's own menu items: {@code {op: list|create|update|delete|stock, itemId, fields}} (stock: {@code {mode, count?}}). */
  public static final String CATALOG_MENU_WRITE = "catalog.v1.menu-write";
  /** Vendor's own profile: {@code {}} read, {@code {fields}} update. */
  public static final String CATALOG_PROFILE = "catalog.v1.profile";
  public static final String CATALOG_PROFILE_UPDATE = "catalog.v1.profile-update";
  /** Vendor goes online/offline: {@code {isOnline}} (APPROVED vendors only). */
  public static final String CATALOG_VENDOR_STATUS = "catalog.v1.vendor-status";

  private OrderAddresses() {
  }
}
