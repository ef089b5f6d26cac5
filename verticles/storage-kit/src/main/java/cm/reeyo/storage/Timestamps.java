package cm.reeyo.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The one way a point in time is written into a stored item, a key or a sort key: fixed-width UTC with exactly six
 * fraction digits, {@code 2026-12-07T13:50:00.123456Z}. Every value has the same length, so the lexical order of the
 * strings (what DynamoDB sort keys and {@code begins_with}/range queries use) is the order in time.
 * {@link Instant#toString()} is not fit for this: it drops the fraction or writes 3, 6 or 9 digits as needed, and
 * {@code "…:00Z"} sorts after {@code "…:00.5Z"}. Six digits keep everything the JVM clock resolves on Linux
 * (microseconds); the fraction is truncated, never rounded, so formatting never moves a time forward. The output is
 * ISO-8601 and reads back with {@link Instant#parse(CharSequence)}.
 */
public final class Timestamps {

  /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'} in UTC. */
  public static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
    .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
    .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true)
    .appendLiteral('Z')
    .toFormatter()
    .withZone(ZoneOffset.UTC);

  private Timestamps() {
  }

  public static String format(Instant at) {
    return FORMAT.format(at);
  }

  /** The current time from the system clock, formatted. */
  public static String now() {
    return format(Instant.now());
  }
}
