package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis-backed rate limiter against the Redis image production runs ({@code redis:7}), in a container. Skipped
 * (reported as such) on machines without a Docker engine; the same paths run against the local redis-server of the
 * testkit everywhere else.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(VertxExtension.class)
@DisplayName("Rate limiter on a real redis:7 container")
class RateLimiterRedisContainerTest {

  @Container
  static final GenericContainer<?> REDIS = new GenericContainer<>(DockerImageName.parse("redis:7"))
    .withExposedPorts(6379);

  static RedisAPI redis(Vertx vertx) {
    return RedisAPI.api(Redis.createClient(vertx, new RedisOptions()
      .setConnectionString("redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379)).setMaxPoolSize(4)));
  }

  @Test
  @DisplayName("allows up to the limit, refuses the next hit with a retry time inside the window, and reset clears it")
  void limitWindowAndReset(Vertx vertx, VertxTestContext ctx) {
    RedisAPI api = redis(vertx);
    RateLimiter limiter = new RateLimiter(api);
    String key = "container-test:" + UUID.randomUUID();
    limiter.hit(key, 2, 60)
      .compose(first -> limiter.hit(key, 2, 60).map(second -> List.of(first, second)))
      .compose(allowed -> limiter.hit(key, 2, 60).map(third -> {
        ctx.verify(() -> {
          assertThat(allowed).allSatisfy(v -> assertThat(v.allowed()).isTrue());
          assertThat(third.allowed()).isFalse();
          assertThat(third.count()).isEqualTo(3);
          assertThat(third.retryAfterSeconds()).isBetween(1L, 60L);
        });
        return third;
      }))
      .compose(refused -> api.pttl("rl:" + key).map(ttl -> {
        ctx.verify(() -> assertThat(ttl.toLong()).isBetween(1L, 60_000L));
        return ttl;
      }))
      .compose(ttl -> limiter.reset(key))
      .compose(v -> limiter.hit(key, 2, 60))
      .onComplete(ctx.succeeding(afterReset -> ctx.verify(() -> {
        assertThat(afterReset.allowed()).isTrue();
        assertThat(afterReset.count()).isEqualTo(1);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("concurrent hits from many callers are counted atomically: exactly the limit is allowed")
  void atomicUnderConcurrency(Vertx vertx, VertxTestContext ctx) {
    RateLimiter limiter = new RateLimiter(redis(vertx));
    String key = "container-test:" + UUID.randomUUID();
    List<Future<RateLimiter.Verdict>> hits = java.util.stream.IntStream.range(0, 40)
      .mapToObj(i -> limiter.hit(key, 10, 60)).toList();
    Future.all(hits).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(hits.stream().filter(h -> h.result().allowed()).count()).isEqualTo(10);
      ctx.completeNow();
    })));
  }
}
