package cm.reeyo.notifier.outbox;

import cm.reeyo.notifier.Channel;
import cm.reeyo.notifier.NotifierConfig;
import cm.reeyo.notifier.provider.SendFailure;
import cm.reeyo.storage.BusinessMetrics;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends outbox messages: claim (lease) → deliver through the channel → SENT, or rescheduled with exponential
 * backoff (transient failure), or FAILED (permanent failure, attempts exhausted). While a provider's breaker is open
 * messages wait in the outbox without spending attempts. {@link #stop()} stops claiming and lets messages already
 * handed to a provider finish and be recorded, so an orderly shutdown never leaves an accepted message unrecorded.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Delivers one message on its channel; answers the provider's id. */
  @FunctionalInterface
  public interface Delivery {
    Future<String> deliver(String messageId, JsonObject payload);
  }

  /** Told about permanent failures (to mark a phone unreachable, forget a dead device token). */
  @FunctionalInterface
  public interface PermanentFailureListener {
    Future<Void> onPermanent(Channel channel, JsonObject payload, SendFailure failure);
  }

  private final Outbox outbox;
  private final Map<Channel, Delivery> deliveries = new EnumMap<>(Channel.class);
  private final NotifierConfig.Outbox conf;
  private final Backoff backoff;
  private final long breakerPauseMs;
  private final PermanentFailureListener permanentFailures;
  private final Map<String, Future<Void>> inFlight = new HashMap<>();
  private final int maxInFlight;
  private boolean backlog;
  private boolean stopping;

  /** At most {@code maxInFlight} messages are claimed at once (the worker pool's size): the rest wait, unleased. */
  public Dispatcher(Outbox outbox, NotifierConfig.Outbox conf, int maxInFlight, long breakerPauseMs,
                    PermanentFailureListener listener) {
    this.outbox = outbox;
    this.maxInFlight = maxInFlight;
    this.conf = conf;
    this.backoff = new Backoff(conf.baseDelayMs(), conf.maxDelayMs());
    this.breakerPauseMs = breakerPauseMs;
    this.permanentFailures = listener;
  }

  public Dispatcher channel(Channel channel, Delivery delivery) {
    deliveries.put(channel, delivery);
    return this;
  }

  /** Tries to send one message now, if it is due and nobody else holds it. Never fails. */
  public Future<Void> attempt(String messageId) {
    if (stopping || inFlight.containsKey(messageId)) {
      return Future.succeededFuture();
    }
    if (inFlight.size() >= maxInFlight) {
      backlog = true;
      return Future.succeededFuture();
    }
    Future<Void> run = outbox.claim(messageId, conf.leaseMs())
      .compose(record -> record == null ? Future.succeededFuture() : send(record))
      .recover(f -> {
        LOG.warn("outbox message {} not processed: {}", messageId, f.toString());
        return Future.succeededFuture();
      });
    if (!run.isComplete()) {
      inFlight.put(messageId, run);
      run.onComplete(r -> {
        inFlight.remove(messageId);
        if (backlog && !stopping) {
          backlog = false;
          drainOnce();
        }
      });
    }
    return run;
  }

  /** One pass over the due messages (PENDING whose time came, SENDING whose lease expired). */
  public Future<Void> drainOnce() {
    if (stopping) {
      return Future.succeededFuture();
    }
    return outbox.due(conf.batch())
      .onSuccess(ids -> BusinessMetrics.outboxDue(ids.size()))
      .compose(ids -> Future.join(ids.stream().map(this::attempt).toList()).<Void>mapEmpty());
  }

  private Future<Void> send(JsonObject record) {
    String messageId = record.getString("messageId");
    Channel channel = Channel.valueOf(record.getString("channel"));
    JsonObject payload = record.getJsonObject("payload");
    long attempts = record.getLong("attempts", 0L);
    Delivery delivery = deliveries.get(channel);
    if (delivery == null) {
      return outbox.failed(messageId, attempts, "no delivery for channel " + channel, sensitive(payload));
    }
    return delivery.deliver(messageId, payload)
      .compose(providerId -> outbox.sent(messageId, providerId, sensitive(payload))
        .onSuccess(v -> LOG.info("{} {} sent", channel, messageId))
        .onSuccess(v -> BusinessMetrics.notification(channel.name().toLowerCase(java.util.Locale.ROOT), "sent")))
      .recover(failure -> failed(messageId, channel, payload, attempts, failure));
  }

  private Future<Void> failed(String messageId, Channel channel, JsonObject payload, long attempts, Throwable failure) {
    long now = System.currentTimeMillis();
    if (failure instanceof OpenCircuitException) {
      return outbox.retryLater(messageId, attempts, now + breakerPauseMs, "circuit open");
    }
    if (failure instanceof SendFailure f && f.isPermanent()) {
      LOG.warn("{} {} failed for good: {}", channel, messageId, f.reason());
      BusinessMetrics.notification(channel.name().toLowerCase(java.util.Locale.ROOT), "failed");
      return outbox.failed(messageId, attempts + 1, f.reason(), sensitive(payload))
        .compose(v -> permanentFailures.onPermanent(channel, payload, f))
        .recover(e -> Future.succeededFuture());
    }
    String reason = failure instanceof SendFailure f ? f.reason() : failure.getClass().getSimpleName();
    long next = attempts + 1;
    if (next >= conf.maxAttempts()) {
      LOG.error("{} {} gave up after {} attempts: {}", channel, messageId, next, reason);
      return outbox.failed(messageId, next, reason, sensitive(payload));
    }
    long delay = backoff.delay(next);
    LOG.info("{} {} attempt {} failed ({}), retry in {} ms", channel, messageId, next, reason, delay);
    return outbox.retryLater(messageId, next, now + delay, reason);
  }

  private static boolean sensitive(JsonObject payload) {
    return payload != null && payload.getBoolean(Outbox.SENSITIVE, false);
  }

  /** Stops claiming; completes when every message already in a provider's hands has been recorded. */
  public Future<Void> stop() {
    stopping = true;
    return Future.join(inFlight.values().stream().toList()).mapEmpty();
  }

  public int inFlight() {
    return inFlight.size();
  }
}
