package cm.reeyo.notifier.provider;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider behind a circuit breaker, its blocking SDK calls on the notifier's worker pool. Permanent failures
 * (a bad number) say nothing about the provider's health and do not count towards opening the breaker. The breaker
 * has no call timeout of its own: the SDKs' socket timeouts bound every call, so an outcome is always known.
 */
public final class ProviderGate {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderGate.class);

  private final ChannelSender sender;
  private final WorkerExecutor workers;
  private final CircuitBreaker breaker;

  public ProviderGate(Vertx vertx, ChannelSender sender, WorkerExecutor workers, int maxFailures, long resetTimeoutMs) {
    this.sender = sender;
    this.workers = workers;
    this.breaker = CircuitBreaker.create("notifier-" + sender.provider(), vertx, new CircuitBreakerOptions()
        .setMaxFailures(maxFailures).setTimeout(-1).setResetTimeout(resetTimeoutMs).setMaxRetries(0))
      .failurePolicy(result -> result.failed() && !SendFailure.isPermanent(result.cause()))
      .openHandler(v -> LOG.warn("circuit open for {}", sender.provider()))
      .closeHandler(v -> LOG.info("circuit closed for {}", sender.provider()));
  }

  /** Sends on a worker thread through the breaker; fails fast with OpenCircuitException while it is open. */
  public Future<String> send(String messageId, JsonObject payload) {
    return breaker.execute(() -> workers.executeBlocking(() -> sender.send(messageId, payload), false));
  }

  public CircuitBreakerState state() {
    return breaker.state();
  }

  public String provider() {
    return sender.provider();
  }

  public void close() {
    breaker.close();
  }
}
