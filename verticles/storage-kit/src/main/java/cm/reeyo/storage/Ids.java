package cm.reeyo.storage;

import java.time.Instant;
import java.util.UUID;

/** Identifiers: a readable prefix and a random UUID ({@code user_…}, {@code order_…}). */
public final class Ids {

  private Ids() {
  }

  public static String next(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Sortable by time: {@code 2026-11-24T10:00:00.123456Z#<random>} (see {@link Timestamps}). */
  public static String timeOrdered(Instant at) {
    return Timestamps.format(at) + "#" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The UTC day, {@code 2026-11-24}: the partition of day-keyed indexes. */
  public static String day(Instant at) {
    return Timestamps.format(at).substring(0, 10);
  }
}
