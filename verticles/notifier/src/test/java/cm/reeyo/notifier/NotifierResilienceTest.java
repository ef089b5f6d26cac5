package cm.reeyo.notifier;

import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.notifier.outbox.Outbox;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static cm.reeyo.notifier.TestSupport.await;
import static cm.reeyo.notifier.TestSupport.eventually;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notifier: retries, circuit breakers and restarts lose nothing and send nothing twice")
class NotifierResilienceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static ProviderFakes fakes;
  private static TestSupport.BlockedThreadWatch watch;
  private final List<Vertx> nodes = new ArrayList<>();

  @BeforeAll
  static void start() {
    watch = new TestSupport.BlockedThreadWatch().start();
    fakes = new ProviderFakes().start();
  }

  @AfterAll
  static void stop() {
    fakes.stop();
    List<String> blocked = watch.eventLoopWarnings();
    watch.stop();
    assertThat(blocked).as("blocked event-loop warnings").isEmpty();
  }

  @AfterEach
  void closeNodes() {
    nodes.forEach(n -> await(n.close()));
    nodes.clear();
  }

  @Test
  @DisplayName("Twilio answers 503 twice then 201: the SMS is delivered once, after two retries")
  void transientFailuresAreRetried() {
    fakes.server.resetAll();
    fakes.stub(post(urlPathMatching(ProviderFakes.TWILIO_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
      .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
    fakes.stub(post(urlPathMatching(ProviderFakes.TWILIO_PATH)).inScenario("flaky").whenScenarioStateIs("one")
      .willReturn(aResponse().withStatus(503)).willSetStateTo("two"));
    fakes.stub(post(urlPathMatching(ProviderFakes.TWILIO_PATH)).inScenario("flaky").whenScenarioStateIs("two")
      .willReturn(ProviderFakes.twilioCreated()).willSetStateTo("done"));
    JsonObject config = TestSupport.config(fakes.baseUrl());
    Vertx node = node(config, 1);

    String messageId = await(node.eventBus().<JsonObject>request(NotifyAddresses.SMS, sms("+237670000001", "555111"))).body()
      .getString("messageId");

    JsonObject record = awaitStatus(node, config, messageId, "SENT");
    assertThat(record.getLong("attempts")).isEqualTo(2);
    TestSupport.sleep(300);
    assertThat(fakes.sms()).hasSize(3);
    assertThat(fakes.accepted(ProviderFakes.TWILIO_PATH.replace("[^/]+", ".+"))).hasSize(1);
  }

  @Test
  @DisplayName("SendGrid down: the breaker opens, e-mails wait in the outbox, and all go out once after recovery")
  void breakerOpensAndOutboxHoldsMessages() {
    fakes.allHealthy();
    fakes.sendgrid(aResponse().withStatus(500));
    JsonObject config = TestSupport.config(fakes.baseUrl());
    NotifierVerticle notifier = new NotifierVerticle();
    Vertx node = node(config, notifier);

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(await(node.eventBus().<JsonObject>request(NotifyAddresses.EMAIL, new JsonObject().put("to", "c" + i + "@example.cm")
        .put("template", "payout_approved").put("params", new JsonObject().put("amount", 5000 + i)))).body().getString("messageId"));
    }

    eventually(WAIT, () -> notifier.breakerState("sendgrid") == CircuitBreakerState.OPEN);
    int callsWhenOpened = fakes.emails().size();
    for (String id : ids) {
      assertThat(status(node, config, id)).isIn("PENDING", "SENDING");
    }
    TestSupport.sleep(500);
    assertThat(fakes.emails().size()).as("no calls while the breaker is open").isLessThanOrEqualTo(callsWhenOpened + 1);

    fakes.sendgrid(aResponse().withStatus(202));
    for (String id : ids) {
      awaitStatus(node, config, id, "SENT");
    }
    Map<String, Long> acceptedPerMessage = fakes.accepted("/v3/mail/send").stream()
      .collect(Collectors.groupingBy(e -> new JsonObject(e.getRequest().getBodyAsString()).getJsonArray("personalizations")
        .getJsonObject(0).getJsonObject("custom_args").getString("messageId"), Collectors.counting()));
    assertThat(acceptedPerMessage).containsOnlyKeys(ids);
    assertThat(acceptedPerMessage.values()).containsOnly(1L);
  }

  @Test
  @DisplayName("a notifier node stopped with SMS in flight: in-flight ones are recorded, the rest go out after restart, none twice")
  void restartSendsTheRestExactlyOnce() {
    fakes.allHealthy();
    fakes.twilio(ProviderFakes.twilioCreated().withFixedDelay(1200));
    JsonObject config = TestSupport.config(fakes.baseUrl());
    config.getJsonObject("notifier").put("workers", 2);
    Vertx first = node(config, 1);

    List<String> codes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String code = String.valueOf(700000 + i);
      codes.add(code);
      ids.add(await(first.eventBus().<JsonObject>request(NotifyAddresses.SMS, sms("+2376700001" + (10 + i), code))).body()
        .getString("messageId"));
    }
    eventually(WAIT, () -> fakes.sms().size() >= 1);
    await(first.close());
    nodes.remove(first);
    Map<String, Long> before = statuses(config, ids);
    assertThat(before.getOrDefault("SENDING", 0L)).as("nothing left half-sent by an orderly stop").isZero();
    assertThat(before.getOrDefault("PENDING", 0L)).as("work left for the next node").isPositive();

    Vertx second = node(config, 2);
    for (String id : ids) {
      awaitStatus(second, config, id, "SENT");
    }
    TestSupport.sleep(300);
    Map<String, Long> perCode = fakes.sms().stream().map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
      .flatMap(body -> codes.stream().filter(code -> body.contains("est " + code)))
      .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perCode).containsOnlyKeys(codes);
    assertThat(perCode.values()).as("each SMS sent exactly once").containsOnly(1L);
  }

  @Test
  @DisplayName("a lease left by a crashed node is respected until it expires, then the message is sent once")
  void expiredLeaseIsReclaimed() {
    fakes.allHealthy();
    JsonObject config = TestSupport.config(fakes.baseUrl());
    Vertx node = node(config, 1);
    Dynamo dynamo = Dynamo.acquire(node, config);
    String messageId = Ids.next("crashed");
    long leaseUntil = System.currentTimeMillis() + 1500;
    JsonObject record = new JsonObject().put("messageId", messageId).put("status", "SENDING").put("channel", "SMS")
      .put("payload", new JsonObject().put("to", "+237670009999").put("text", "Reeyo : code 424242"))
      .put("attempts", 0).put("nextAttemptAt", leaseUntil).put("leaseUntil", leaseUntil).put("owner", "dead-node");
    await(dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(NotifierTables.OUTBOX)).item(Items.toItem(record)))));

    TestSupport.sleep(800);
    assertThat(fakes.sms()).as("lease still held by the crashed node").isEmpty();
    awaitStatus(node, config, messageId, "SENT");
    TestSupport.sleep(300);
    assertThat(fakes.sms()).hasSize(1);
    Dynamo.release(node);
  }

  private Vertx node(JsonObject config, int instances) {
    Vertx vertx = TestSupport.strictVertx();
    nodes.add(vertx);
    await(vertx.deployVerticle(NotifierVerticle::new, new DeploymentOptions().setConfig(config).setInstances(instances)));
    return vertx;
  }

  private Vertx node(JsonObject config, NotifierVerticle verticle) {
    Vertx vertx = TestSupport.strictVertx();
    nodes.add(vertx);
    await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
    return vertx;
  }

  private static JsonObject sms(String to, String code) {
    return new JsonObject().put("to", to).put("template", "otp").put("params", new JsonObject().put("code", code));
  }

  private static String status(Vertx node, JsonObject config, String messageId) {
    Dynamo dynamo = Dynamo.acquire(node, config);
    try {
      JsonObject record = await(new Outbox(dynamo, "test").get(messageId));
      return record == null ? null : record.getString("status");
    } finally {
      Dynamo.release(node);
    }
  }

  private static JsonObject awaitStatus(Vertx node, JsonObject config, String messageId, String status) {
    eventually(WAIT, () -> status.equals(status(node, config, messageId)));
    Dynamo dynamo = Dynamo.acquire(node, config);
    try {
      return await(new Outbox(dynamo, "test").get(messageId));
    } finally {
      Dynamo.release(node);
    }
  }

  private static Map<String, Long> statuses(JsonObject config, List<String> ids) {
    Vertx probe = Vertx.vertx();
    try {
      return ids.stream().map(id -> status(probe, config, id))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    } finally {
      await(probe.close());
    }
  }

}
