package cm.reeyo.notifier;

import cm.reeyo.notifier.events.EventListener;
import cm.reeyo.notifier.events.OpsAlerts;
import cm.reeyo.notifier.inbox.InboxStore;
import cm.reeyo.notifier.inbox.LiveInbox;
import cm.reeyo.notifier.outbox.Dispatcher;
import cm.reeyo.notifier.outbox.Outbox;
import cm.reeyo.notifier.provider.ProviderGate;
import cm.reeyo.notifier.provider.SendGridEmail;
import cm.reeyo.notifier.provider.SnsPush;
import cm.reeyo.notifier.provider.TwilioSms;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifier: SMS (Twilio), e-mail (SendGrid), push (SNS) and the in-app inbox. Serves the {@code notify.v1.*}
 * addresses, turns order and wallet events into notifications, and drains its DynamoDB outbox: every accepted
 * message is stored before the reply and sent by whichever notifier instance claims it, retried with backoff,
 * behind a circuit breaker per provider. Provider SDK calls run on a {@code notifier-sdk} worker pool of its own.
 */
public class NotifierVerticle extends VerticleBase {

  /**
   * Each instance has its own pool ({@code notifier-sdk-<id>}, {@code workers} threads) and claims no more messages
   * than it has threads, so a claimed message never queues behind other instances' calls past its lease.
   */
  public static final String WORKER_POOL = "notifier-sdk";

  private Dynamo dynamo;
  private RedisStore redis;
  private WorkerExecutor workers;
  private Dispatcher dispatcher;
  private final Map<String, ProviderGate> gates = new LinkedHashMap<>();
  private long drainTimer = -1;
  private NotifyEndpoints endpoints;

  @Override
  public Future<?> start() {
    NotifierConfig conf = NotifierConfig.from(config());
    workers = vertx.createSharedWorkerExecutor(WORKER_POOL + "-" + Ids.next("pool"), conf.workers());
    return workers.executeBlocking(() -> {
        dynamo = Dynamo.acquire(vertx, config());
        redis = RedisStore.acquire(vertx, config());
        warmUp(dynamo);
        return List.of(new TwilioSms(conf.twilio()), new SendGridEmail(conf.sendgrid()), new SnsPush(conf.sns()));
      }, false)
      .compose(senders -> {
        senders.forEach(sender -> gates.put(sender.provider(), new ProviderGate(vertx, sender, workers,
          conf.breaker().maxFailures(), conf.breaker().resetTimeoutMs())));
        return dynamo.createTablesOnStart() ? new TableBootstrap(dynamo).ensureAll() : Future.succeededFuture();
      })
      .compose(v -> wire(conf))
      .onSuccess(v -> startDrainer(conf.outbox().drainIntervalMs()));
  }

  /**
   * The AWS SDK's first request in a JVM loads classes on the calling thread for ≈ 0.5 s (request marshalling,
   * endpoint rules, signer): do it here on a worker so no event loop pays for it. Failures are for later calls.
   */
  private static void warmUp(Dynamo dynamo) {
    try {
      dynamo.client().listTables(b -> b.limit(1)).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Future<?> wire(NotifierConfig conf) {
    AccountDirectory directory = new AccountDirectory(dynamo);
    Devices devices = new Devices(dynamo);
    InboxStore inbox = new InboxStore(redis.api(), conf.inboxCap(), new LiveInbox(vertx));
    Outbox outbox = new Outbox(dynamo, Ids.next("notifier"));
    dispatcher = new Dispatcher(outbox, conf.outbox(), conf.workers(), conf.breaker().resetTimeoutMs(),
      new PermanentFailures(directory, devices))
      .channel(Channel.SMS, gates.get("twilio")::send)
      .channel(Channel.EMAIL, gates.get("sendgrid")::send)
      .channel(Channel.PUSH, gates.get("sns")::send)
      .channel(Channel.INBOX, (id, p) -> inbox.add(p.getString("accountId"), p.getString("title"), p.getString("body"),
        p.getJsonObject("data")));
    Outbound outbound = new Outbound(Templates.load(), outbox, dispatcher, devices);
    List<MessageConsumer<JsonObject>> listeners = new ArrayList<>(new EventListener(outbound, directory).register(vertx.eventBus()));
    listeners.add(new OpsAlerts(outbound, OpsAlerts.emailsFrom(config())).register(vertx.eventBus()));
    endpoints = new NotifyEndpoints(outbound, inbox, devices, directory);
    return Future.all(endpoints.register(vertx),
      Future.all(listeners.stream().map(MessageConsumer::completion).toList()));
  }

  private void startDrainer(long intervalMs) {
    boolean[] running = {false};
    drainTimer = vertx.setPeriodic(intervalMs, id -> {
      if (!running[0]) {
        running[0] = true;
        dispatcher.drainOnce().onComplete(r -> running[0] = false);
      }
    });
  }

  /** Stops claiming, waits for messages already handed to a provider to be recorded, then releases the clients. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(drainTimer);
    Future<Void> drained = endpoints == null ? Future.succeededFuture() : endpoints.drain();
    Future<Void> quiet = drained.compose(v -> dispatcher == null ? Future.succeededFuture() : dispatcher.stop());
    return quiet.eventually(() -> {
      gates.values().forEach(ProviderGate::close);
      if (dynamo != null) {
        Dynamo.release(vertx);
        RedisStore.release(vertx);
      }
      return workers == null ? Future.succeededFuture() : workers.close();
    });
  }

  /** The state of a provider's breaker ({@code twilio}, {@code sendgrid}, {@code sns}). */
  public CircuitBreakerState breakerState(String provider) {
    return gates.get(provider).state();
  }

  /** Messages this instance currently has in a provider's hands. */
  public int inFlight() {
    return dispatcher.inFlight();
  }
}
