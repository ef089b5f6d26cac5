package cm.reeyo.orders;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Read-through JSON cache in Redis with the spec's TTLs. Redis trouble never fails a read: the loader answers.
 */
final class Cache {

  static final int USER_TTL_SECONDS = 3600;
  static final int VENDOR_TTL_SECONDS = 300;
  static final int MENU_TTL_SECONDS = 600;

  private static final Logger LOG = LoggerFactory.getLogger(Cache.class);

  private final RedisAPI redis;

  Cache(RedisAPI redis) {
    this.redis = redis;
  }

  /** The cached value of {@code key}, else {@code loader}'s answer (stored for {@code ttlSeconds} unless null). */
  <T> Future<T> get(String key, int ttlSeconds, Class<T> type, Supplier<Future<T>> loader) {
    return redis.get(key)
      .map(r -> r == null ? null : Json.decodeValue(r.toString(), type))
      .otherwise(f -> {
        LOG.warn("cache read {} failed: {}", key, f.getMessage());
        return null;
      })
      .compose(hit -> hit != null ? Future.succeededFuture(hit) : loader.get().andThen(loaded -> {
        if (loaded.succeeded() && loaded.result() != null) {
          redis.setex(key, String.valueOf(ttlSeconds), Json.encode(loaded.result()))
            .onFailure(f -> LOG.warn("cache write {} failed: {}", key, f.getMessage()));
        }
      }));
  }

  Future<Void> invalidate(String... keys) {
    return redis.del(List.of(keys)).<Void>mapEmpty().otherwise(f -> null);
  }
}
