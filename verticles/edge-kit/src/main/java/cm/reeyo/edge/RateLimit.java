package cm.reeyo.edge;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * A route step that spends one unit of a shared budget per request, keyed by client IP (or another key), and
 * answers 429 with {@code Retry-After} once the budget is spent. If Redis is unreachable the request passes
 * (fail open) and the fault is logged: rate limits protect capacity, not correctness.
 */
public final class RateLimit implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimit.class);

  private final RateLimiter limiter;
  private final String name;
  private final int limit;
  private final long windowSeconds;
  private final Function<RoutingContext, String> subject;

  public RateLimit(RateLimiter limiter, String name, int limit, long windowSeconds,
                   Function<RoutingContext, String> subject) {
    this.limiter = limiter;
    this.name = name;
    this.limit = limit;
    this.windowSeconds = windowSeconds;
    this.subject = subject;
  }

  /** Reads {@code {"limit": n, "windowSeconds": s}} from {@code rateLimits.<name>} with the given defaults. */
  public static RateLimit fromConfig(RateLimiter limiter, JsonObject config, String name, int defaultLimit,
                                     long defaultWindow, Function<RoutingContext, String> subject) {
    JsonObject slice = config.getJsonObject("rateLimits", new JsonObject()).getJsonObject(name, new JsonObject());
    return new RateLimit(limiter, name, slice.getInteger("limit", defaultLimit),
      slice.getLong("windowSeconds", defaultWindow), subject);
  }

  @Override
  public void handle(RoutingContext ctx) {
    limiter.hit(name + ":" + subject.apply(ctx), limit, windowSeconds)
      .onSuccess(verdict -> {
        if (verdict.allowed()) {
          ctx.next();
        } else {
          ctx.fail(new RateLimitedError(verdict.retryAfterSeconds()));
        }
      })
      .onFailure(fault -> {
        LOG.warn("rate limit {} not checked: {}", name, fault.getMessage());
        ctx.next();
      });
  }
}
