package cm.reeyo.storage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Timestamps: one fixed-width UTC format whose lexical order is time order")
class TimestampsTest {

  static final Instant BASE = Instant.parse("2026-12-07T13:50:00Z");

  /** Instants whose Instant.toString() has 0, 3, 6 and 9 fraction digits, interleaved in time. */
  static List<Instant> mixedWidths() {
    return List.of(
      BASE,
      BASE.plusNanos(1),
      BASE.plusNanos(1_000),
      BASE.plusNanos(1_000_000),
      BASE.plusNanos(100_000_000),
      BASE.plusNanos(123_000_000),
      BASE.plusNanos(123_456_000),
      BASE.plusNanos(123_456_789),
      BASE.plusNanos(500_000_000),
      BASE.plusSeconds(1),
      BASE.plusSeconds(1).plusNanos(5_000));
  }

  @Test
  @DisplayName("Instant.toString() sorts 0/3/6/9-digit fractions out of time order (the bug this replaces)")
  void instantToStringIsNotSortable() {
    assertThat(BASE.toString()).isEqualTo("2026-12-07T13:50:00Z");
    assertThat(BASE.plusMillis(500).toString()).isLessThan(BASE.toString());
    assertThat(BASE.plusNanos(123_456_000).toString()).isLessThan(BASE.plusMillis(123).toString());
  }

  @Test
  @DisplayName("every formatted value has the same width and sorts lexically in time order, across fraction widths")
  void lexicalOrderIsTimeOrder() {
    List<Instant> instants = new ArrayList<>(mixedWidths());
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      instants.add(BASE.plusSeconds(random.nextInt(200_000)).plusNanos(randomFraction(random)));
    }
    List<String> formatted = instants.stream().map(Timestamps::format).toList();
    assertThat(formatted).allSatisfy(s -> assertThat(s).hasSize(27).endsWith("Z"));
    List<Instant> byText = instants.stream()
      .sorted(Comparator.comparing(Timestamps::format)).toList();
    List<Instant> byTime = instants.stream()
      .sorted(Comparator.<Instant, Instant>comparing(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MICROS))).toList();
    assertThat(byText.stream().map(Timestamps::format).toList())
      .isEqualTo(byTime.stream().map(Timestamps::format).toList());
  }

  @Test
  @DisplayName("six fraction digits, truncated not rounded, in UTC, and Instant.parse reads it back")
  void shapeAndRoundTrip() {
    assertThat(Timestamps.format(BASE)).isEqualTo("2026-12-07T13:50:00.000000Z");
    assertThat(Timestamps.format(BASE.plusNanos(123_456_789))).isEqualTo("2026-12-07T13:50:00.123456Z");
    assertThat(Timestamps.format(BASE.plusNanos(999_999_999))).isEqualTo("2026-12-07T13:50:00.999999Z");
    Instant micros = BASE.plusNanos(42_000);
    assertThat(Instant.parse(Timestamps.format(micros))).isEqualTo(micros);
    assertThat(Timestamps.now()).hasSize(27);
  }

  @Test
  @DisplayName("time-ordered ids built on it sort in time order too")
  void timeOrderedIds() {
    List<Instant> instants = mixedWidths().stream().filter(t -> t.getNano() % 1_000 == 0).toList();
    List<String> ids = instants.stream().map(Ids::timeOrdered).toList();
    assertThat(ids.stream().sorted().toList()).isEqualTo(ids);
    assertThat(Ids.day(BASE.plusNanos(5))).isEqualTo("2026-12-07");
  }

  private static long randomFraction(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1_000) * 1_000_000L;
      case 2 -> random.nextInt(1_000_000) * 1_000L;
      default -> random.nextInt(1_000_000_000);
    };
  }
}
