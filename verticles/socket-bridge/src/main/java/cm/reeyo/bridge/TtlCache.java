package cm.reeyo.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** A small map whose entries live a fixed time; confined to one verticle context (not thread-safe). */
final class TtlCache<K, V> {

  private final int maxEntries;
  private final LongSupplier clock;
  private final Map<K, Entry<V>> entries = new HashMap<>();

  TtlCache(int maxEntries, LongSupplier clock) {
    this.maxEntries = maxEntries;
    this.clock = clock;
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
    if (entries.size() >= maxEntries) {
      long now = clock.getAsLong();
      entries.values().removeIf(e -> e.expiresAt <= now);
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(key, new Entry<>(value, clock.getAsLong() + ttlMs));
  }

  private record Entry<V>(V value, long expiresAt) {
  }
}
