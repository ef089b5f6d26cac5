package cm.reeyo.simulator;

import java.util.SplittableRandom;

/** Positions in Douala and movement between them: great-circle distance, a point some metres along a straight path. */
record Geo(double lat, double lng) {

  static final Geo DOUALA_CENTRE = new Geo(4.0511, 9.7679);
  private static final double EARTH_M = 6_371_000;

  /** A point {@code minKm..maxKm} from this one in a random direction. */
  Geo around(SplittableRandom random, double minKm, double maxKm) {
    double km = minKm + random.nextDouble() * (maxKm - minKm);
    double bearing = random.nextDouble() * 2 * Math.PI;
    double dLat = km * 1000 * Math.cos(bearing) / EARTH_M;
    double dLng = km * 1000 * Math.sin(bearing) / (EARTH_M * Math.cos(Math.toRadians(lat)));
    return new Geo(round(lat + Math.toDegrees(dLat)), round(lng + Math.toDegrees(dLng)));
  }

  double metresTo(Geo o) {
    double p1 = Math.toRadians(lat), p2 = Math.toRadians(o.lat);
    double dp = p2 - p1, dl = Math.toRadians(o.lng - lng);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_M * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  /** Degrees clockwise from north towards {@code o}. */
  double headingTo(Geo o) {
    double y = Math.sin(Math.toRadians(o.lng - lng)) * Math.cos(Math.toRadians(o.lat));
    double x = Math.cos(Math.toRadians(lat)) * Math.sin(Math.toRadians(o.lat))
      - Math.sin(Math.toRadians(lat)) * Math.cos(Math.toRadians(o.lat)) * Math.cos(Math.toRadians(o.lng - lng));
    double deg = Math.toDegrees(Math.atan2(y, x));
    return Math.round(((deg % 360) + 360) % 360 * 10) / 10.0;
  }

  /** The point {@code metres} towards {@code o} (o itself when closer than that). */
  Geo towards(Geo o, double metres) {
    double d = metresTo(o);
    if (d <= metres || d == 0) {
      return o;
    }
    double f = metres / d;
    return new Geo(round(lat + (o.lat - lat) * f), round(lng + (o.lng - lng) * f));
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
