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

  /** Sortable by time: {@code 2026-11-24T10:00:00.123Z#<random>}. */
  public static String timeOrdered(Instant at) {
    return at.toString() + "#" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String day(Instant at) {
    return at.toString().substring(0, 10);
  }
}
