package cm.reeyo.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bounded map whose entries live a given time: reads refresh an entry's recency, and when full the least recently
 * used entry makes room (expired entries go first when a read finds them). Confined to one verticle context (not
 * thread-safe).
 */
final class TtlCache<K, V> {

  private final LongSupplier clock;
  private final Map<K, Entry<V>> entries;

  TtlCache(int maxEntries, LongSupplier clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > maxEntries;
      }
    };
  }

  V get(K key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (e.expiresAt <= clock.getAsLong()) {
      entries.remove(key);
      return null;
    }
    return e.value;
  }

  void put(K key, V value, long ttlMs) {
    entries.put(key, new Entry<>(value, clock.getAsLong() + ttlMs));
  }

  int size() {
    return entries.size();
  }

  private record Entry<V>(V value, long expiresAt) {
  }
}
