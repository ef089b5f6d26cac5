package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * Distance and delivery fee. {@code fee = max(minimumFee, roundTo(baseFee + perKm × km))}; beyond
 * {@code maxDistanceKm} an order is refused (422 OUT_OF_RANGE). With the defaults a 7.5 km delivery costs
 * 500 + 200 × 7.5 = 2,000 XAF (any distance in [7.25, 7.75) km rounds to 2,000).
 */
public final class Pricing {

  public static final String CONF = "pricing";
  public static final String CONF_BASE_FEE = "baseFee";
  public static final String CONF_PER_KM = "perKm";
  public static final String CONF_MINIMUM_FEE = "minimumFee";
  public static final String CONF_MAX_DISTANCE_KM = "maxDistanceKm";
  public static final String CONF_ROUND_TO = "roundTo";

  public static final long DEFAULT_BASE_FEE = 500;
  public static final long DEFAULT_PER_KM = 200;
  public static final long DEFAULT_MINIMUM_FEE = 1000;
  public static final double DEFAULT_MAX_DISTANCE_KM = 15;
  public static final long DEFAULT_ROUND_TO = 100;

  private static final double EARTH_RADIUS_KM = 6371.0088;

  private final long baseFee;
  private final long perKm;
  private final long minimumFee;
  private final double maxDistanceKm;
  private final long roundTo;

  public Pricing(long baseFee, long perKm, long minimumFee, double maxDistanceKm, long roundTo) {
    this.baseFee = baseFee;
    this.perKm = perKm;
    this.minimumFee = minimumFee;
    this.maxDistanceKm = maxDistanceKm;
    this.roundTo = Math.max(1, roundTo);
  }

  public static Pricing fromConfig(JsonObject config) {
    JsonObject c = config.getJsonObject(CONF, new JsonObject());
    return new Pricing(c.getLong(CONF_BASE_FEE, DEFAULT_BASE_FEE), c.getLong(CONF_PER_KM, DEFAULT_PER_KM),
      c.getLong(CONF_MINIMUM_FEE, DEFAULT_MINIMUM_FEE), c.getDouble(CONF_MAX_DISTANCE_KM, DEFAULT_MAX_DISTANCE_KM),
      c.getLong(CONF_ROUND_TO, DEFAULT_ROUND_TO));
  }

  /** Great-circle distance in km (Haversine). */
  public static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
      + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Distance rounded to 10 m, as stored on the order. */
  public static double rounded(double km) {
    return Math.round(km * 100) / 100.0;
  }

  /** The delivery fee for a distance; a failure (OUT_OF_RANGE) beyond the maximum distance. */
  public long deliveryFee(double km) {
    if (km > maxDistanceKm) {
      throw ErrorCode.OUT_OF_RANGE.exception(String.format("Delivery is limited to %.1f km (this address is %.1f km away)",
        maxDistanceKm, km));
    }
    long raw = Math.round(baseFee + perKm * km);
    long fee = Math.round((double) raw / roundTo) * roundTo;
    return Math.max(minimumFee, fee);
  }

  public double maxDistanceKm() {
    return maxDistanceKm;
  }
}
