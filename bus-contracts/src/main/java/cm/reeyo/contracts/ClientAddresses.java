package cm.reeyo.contracts;

/**
 * Per-identity addresses the socket bridge carries out to the apps. Domain verticles <em>send</em>
 * {@code {"address": "client.user.<id>", "envelope": {...}}} to {@link #CLIENT_PUBLISH}: one bridge instance
 * numbers the envelope, keeps it for replay and publishes it to the client address cluster-wide.
 */
public final class ClientAddresses {

  /** Send (point to point) {@code {"address", "envelope"}}: numbered, kept for replay, then published. */
  public static final String CLIENT_PUBLISH = "client.v1.publish";

  /**
   * Request (clients, through the bridge) {@code {"address", "lastId"}}: answers
   * {@code {"address", "items": [envelope with id, ...], "complete": boolean}}, the numbered envelopes published to
   * {@code address} after {@code lastId}, oldest first; {@code complete} is false when some may have aged out.
   */
  public static final String CLIENT_REPLAY = "client.v1.replay";

  /**
   * The operations feed (publish, live only, never replayed), registrable by ADMIN sockets only: every numbered
   * envelope published to a {@code client.order.<id>} address, as {@code {event, data, at, id, address}}, and every
   * rider position as {@code rider_location_update} {@code {riderId, lat, lng, heading, speed}}.
   */
  public static final String ADMINS = "client.admins";

  private ClientAddresses() {
  }

  public static String user(String userId) {
    return "client.user." + userId;
  }

  public static String vendor(String vendorId) {
    return "client.vendor." + vendorId;
  }

  public static String rider(String riderId) {
    return "client.rider." + riderId;
  }

  public static String order(String orderId) {
    return "client.order." + orderId;
  }

  public static String of(Role role, String id) {
    return role.clientPrefix() + id;
  }
}
