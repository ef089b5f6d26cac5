package cm.reeyo.bridge;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TtlCache: bounded LRU with per-entry expiry")
class TtlCacheTest {

  final AtomicLong now = new AtomicLong(1_000);
  final TtlCache<String, String> cache = new TtlCache<>(3, now::get);

  @Test
  @DisplayName("when full, a hot entry survives and only the least recently used one is dropped")
  void hotEntrySurvives() {
    cache.put("hot", "h", 60_000);
    cache.put("a", "1", 60_000);
    cache.put("b", "2", 60_000);
    for (int i = 0; i < 100; i++) {
      assertThat(cache.get("hot")).isEqualTo("h");
      cache.put("cold-" + i, "c", 60_000);
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("hot")).isEqualTo("h");
    assertThat(cache.get("cold-99")).isEqualTo("c");
    assertThat(cache.get("cold-98")).isEqualTo("c");
    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("cold-0")).isNull();
  }

  @Test
  @DisplayName("an entry is gone once its own time is up, while a longer-lived one stays")
  void expiry() {
    cache.put("short", "s", 1_000);
    cache.put("long", "l", 10_000);
    now.addAndGet(999);
    assertThat(cache.get("short")).isEqualTo("s");
    now.addAndGet(1);
    assertThat(cache.get("short")).isNull();
    assertThat(cache.get("long")).isEqualTo("l");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("writing a key again renews its value and time without growing the cache")
  void overwrite() {
    cache.put("k", "old", 1_000);
    now.addAndGet(900);
    cache.put("k", "new", 1_000);
    now.addAndGet(900);
    assertThat(cache.get("k")).isEqualTo("new");
    assertThat(cache.size()).isEqualTo(1);
  }
}
