package cm.reeyo.storage.geo;

import java.util.List;

/**
 * A "vendors near a point" question: the point, the radius (km, at most {@link #MAX_RADIUS_KM}), an optional cuisine
 * (case-insensitive), {@code openNow} (only vendors open and online), a page size and the cursor of the previous page;
 * {@code terms} (search terms, see {@code SearchText}) keeps only vendors found by every one of them.
 */
public record NearbyQuery(double lat, double lng, double radiusKm, String cuisine, boolean openNow, int limit,
                          String cursor, List<String> terms) {

  public static final double MAX_RADIUS_KM = 50;
  public static final double DEFAULT_RADIUS_KM = 10;

  public NearbyQuery {
    if (radiusKm <= 0 || radiusKm > MAX_RADIUS_KM || limit < 1 || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      throw new IllegalArgumentException("nearby query out of bounds");
    }
    terms = terms == null ? List.of() : List.copyOf(terms);
  }

  /** A question without search terms. */
  public NearbyQuery(double lat, double lng, double radiusKm, String cuisine, boolean openNow, int limit, String cursor) {
    this(lat, lng, radiusKm, cuisine, openNow, limit, cursor, List.of());
  }

  /** What a cursor is bound to: a cursor of another question is refused. */
  String scope() {
    return lat + "|" + lng + "|" + radiusKm + "|" + (cuisine == null ? "" : cuisine.toLowerCase()) + "|" + openNow
      + (terms.isEmpty() ? "" : "|" + String.join(" ", terms));
  }

}
