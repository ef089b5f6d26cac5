package cm.reeyo.storage;

/** Redis key names shared across modules (the spec's structures). Redis is never the only copy of what matters. */
public final class RedisKeys {

  /** GEO set of online riders (member = riderId). */
  public static final String RIDERS_ONLINE = "riders:online";
  /** Sorted set riderId → last location time (epoch ms); riders silent for 2 minutes leave {@link #RIDERS_ONLINE}. */
  public static final String RIDERS_LAST_SEEN = "riders:last-seen";
  /** Sorted set orderId → time it started waiting for a rider. */
  public static final String ORDERS_PENDING = "orders:pending";

  private RedisKeys() {
  }

  public static String user(String userId) {
    return "user:" + userId;
  }

  public static String vendor(String vendorId) {
    return "vendor:" + vendorId;
  }

  /**
   * An approved vendor's whole public menu response ({@code {"vendorId":..,"items":[..]}}), written by the order engine
   * and served by the API as stored bytes; dropped by every menu change and by the vendor's rejection or suspension.
   */
  public static String menu(String vendorId) {
    return "menu-view:" + vendorId;
  }

  public static String session(String sessionId) {
    return "session:" + sessionId;
  }

  /** Set while an ended session's access tokens could still be presented (the API session check, the socket bridge). */
  public static String sessionEnded(String sessionId) {
    return "auth:sid-ended:" + sessionId;
  }

  /** In-app inbox of any account (user, vendor or rider id), newest first. */
  public static String notifications(String accountId) {
    return "notifications:" + accountId;
  }
}
