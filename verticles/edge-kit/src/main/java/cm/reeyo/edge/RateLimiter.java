package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * Fixed-window counters in Redis, so every node and every verticle instance shares one budget per key. One
 * atomic script per hit: increment, set the window's expiry on the first hit, answer count and time left.
 */
public final class RateLimiter {

  private static final String SCRIPT =
    "local c = redis.call('INCR', KEYS[1]) "
      + "if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
      + "local ttl = redis.call('PTTL', KEYS[1]) "
      + "if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end "
      + "return {c, ttl}";

  private final RedisAPI redis;

  public RateLimiter(RedisAPI redis) {
    this.redis = redis;
  }

  /** The verdict for one more hit on {@code key} under {@code limit} per {@code windowSeconds}. */
  public Future<Verdict> hit(String key, int limit, long windowSeconds) {
    return redis.eval(List.of(SCRIPT, "1", "rl:" + key, String.valueOf(windowSeconds * 1000)))
      .map(reply -> verdict(reply, limit));
  }

  /** Forgets a key (a successful login clears its failure budget, for instance). */
  public Future<Void> reset(String key) {
    return redis.del(List.of("rl:" + key)).mapEmpty();
  }

  private static Verdict verdict(Response reply, int limit) {
    long count = reply.get(0).toLong();
    long ttlMillis = reply.get(1).toLong();
    return new Verdict(count <= limit, count, Math.max(1, (ttlMillis + 999) / 1000));
  }

  /** Whether the hit is allowed, how many hits the window has seen, and when it resets. */
  public record Verdict(boolean allowed, long count, long retryAfterSeconds) {
  }
}
