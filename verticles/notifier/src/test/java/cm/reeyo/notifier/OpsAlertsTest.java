package cm.reeyo.notifier;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.ServicePrincipal;
import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.Ids;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cm.reeyo.notifier.TestSupport.await;
import static cm.reeyo.notifier.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ops alerts from services on the TCP bridge reach the operators")
class OpsAlertsTest {

  private static final String OPS = "ops@reeyo.test";
  private static ProviderFakes fakes;
  private static Vertx vertx;
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @BeforeAll
  static void start() {
    Metrics.addRegistry(METERS);
    fakes = new ProviderFakes().start();
    fakes.allHealthy();
    vertx = Vertx.vertx();
    JsonObject config = TestSupport.config(fakes.baseUrl());
    config.getJsonObject("notifier").put("opsAlertEmails", new JsonArray().add(OPS));
    await(vertx.deployVerticle(new NotifierVerticle(), new DeploymentOptions().setConfig(config)));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
    fakes.stop();
    Metrics.removeRegistry(METERS);
  }

  @Test
  @DisplayName("a large-transaction alert sent as a service account is e-mailed once to ops and counted; a forged or unsigned one is not")
  void alertMailedOnce() {
    String transferId = Ids.next("transfer");
    JsonObject alert = new JsonObject().put("kind", "large-transaction").put("walletId", "wallet_u1")
      .put("ownerType", "USER").put("amount", 250_000).put("threshold", 100_000).put("transferId", transferId)
      .put("transferType", "TOPUP").put("at", "2026-12-07T14:00:00Z");
    DeliveryOptions asService = new DeliveryOptions();
    PrincipalHeaders.serviceFrame("anomaly-watcher").forEach(h -> asService.addHeader(h.getKey(), (String) h.getValue()));
    DeliveryOptions unsignedService = new DeliveryOptions().addHeader(Principal.HEADER_ID, "anomaly-watcher")
      .addHeader(Principal.HEADER_ROLE, ServicePrincipal.ROLE);
    String unsignedId = Ids.next("transfer");
    String forgedId = Ids.next("transfer");
    DeliveryOptions asAdmin = new DeliveryOptions().addHeader(Principal.HEADER_ID, "admin-1")
      .addHeader(Principal.HEADER_ROLE, "ADMIN");

    vertx.eventBus().publish(OpsAddresses.ALERT, alert, asService);
    vertx.eventBus().publish(OpsAddresses.ALERT, alert, asService);
    vertx.eventBus().publish(OpsAddresses.ALERT, alert.copy().put("transferId", forgedId), asAdmin);
    vertx.eventBus().publish(OpsAddresses.ALERT, alert.copy().put("transferId", unsignedId), unsignedService);

    eventually(Duration.ofSeconds(30), () -> mailsAbout(transferId) == 1);
    TestSupport.sleep(500);
    assertThat(mailsAbout(transferId)).isEqualTo(1);
    assertThat(mailsAbout(forgedId)).isZero();
    assertThat(mailsAbout(unsignedId)).as("service headers without the cluster's signature").isZero();
    JsonObject mail = new JsonObject(fakes.emails().stream().filter(r -> r.getBodyAsString().contains(transferId))
      .findFirst().orElseThrow().getBodyAsString());
    assertThat(mail.getString("subject")).isEqualTo("[Reeyo ops] large-transaction alert: wallet_u1");
    assertThat(mail.getJsonArray("content").getJsonObject(0).getString("value"))
      .contains("Amount: 250 000 FCFA").contains("Rule: threshold 100 000 FCFA").contains("anomaly-watcher");
    assertThat(mail.encode()).contains(OPS);
    assertThat(METERS.counter(BusinessMetrics.OPS_ALERTS, "kind", "large-transaction").count()).isEqualTo(2.0);
  }

  private static long mailsAbout(String transferId) {
    return fakes.emails().stream().filter(r -> r.getBodyAsString().contains(transferId)).count();
  }
}
