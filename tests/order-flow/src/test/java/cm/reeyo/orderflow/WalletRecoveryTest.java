package cm.reeyo.orderflow;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.Role;
import cm.reeyo.orders.OrderEngineVerticle;
import cm.reeyo.wallet.DemoFunds;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wallet engine's follow-ups are durable: a mobile-money payment confirmed or failed while the order engine is
 * gone reaches the order once it is back; an approved payout that Campay left PENDING is finished by the sweeper, and
 * one whose withdrawal answer was lost is never sent twice but shown to operators. Sweeper every 200 ms here.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
@DisplayName("Wallet recovery: payment outcomes and payouts survive a dead order engine and a lost Campay answer")
class WalletRecoveryTest {

  static final JsonObject FAST = new JsonObject()
    .put("recovery", new JsonObject().put("intervalMs", 200).put("graceMs", 300).put("payoutRecheckMs", 300)
      .put("leaseMs", 2_000));

  /** Longer than the wallet's Campay timeout in these tests ({@link Wallets#nodeConfig()}: 5 s). */
  static final int LOST_ANSWER_DELAY_MS = 7_000;

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, FAST)
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 30_000), p.vendor(Map.of("Ndolé", 10_000L)), p.rider("Mike", 4.0601, 9.7679));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
        ctx.completeNow();
      }));
  }

  @Test
  @DisplayName("Campay confirms while the order engine is gone: escrow holds the money, the order becomes paid once the engine is back")
  void confirmationReachesAReturningEngine(Vertx vertx, VertxTestContext ctx) {
    var owed = ctx.checkpoint();
    var paid = ctx.checkpoint();
    outcomeWhileEngineDown(vertx, "SUCCESSFUL", "TELL_PAID", owed)
      .compose(order -> Future.all(Future.succeededFuture(order), p.wallets.escrow(), p.wallets.reconcile()))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        JsonObject order = all.resultAt(0);
        assertThat(order.getString("status")).isEqualTo("PENDING");
        assertThat(order.getString("paymentStatus")).isEqualTo("PAID");
        assertThat((Long) all.resultAt(1)).as("escrow holds the order once").isEqualTo(order.getLong("total"));
        OrderFlowTest.assertReconciled(all.resultAt(2));
        paid.flag();
      })));
  }

  @Test
  @DisplayName("Campay fails the payment while the order engine is gone: the order is cancelled with payment_failed once the engine is back")
  void failureReachesAReturningEngine(Vertx vertx, VertxTestContext ctx) {
    var owed = ctx.checkpoint();
    var cancelled = ctx.checkpoint();
    outcomeWhileEngineDown(vertx, "FAILED", "TELL_FAILED", owed)
      .compose(order -> Future.all(Future.succeededFuture(order), p.wallets.escrow()))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        JsonObject order = all.resultAt(0);
        assertThat(order.getString("status")).isEqualTo("CANCELLED");
        assertThat(order.getString("cancelReason")).isEqualTo("payment_failed");
        assertThat((Long) all.resultAt(1)).as("no money moved").isZero();
        cancelled.flag();
      })));
  }

  @Test
  @DisplayName("an approved payout Campay left PENDING: the sweeper asks Campay and pays it once; money leaves in-flight to Campay")
  void pendingPayoutIsFinished(Vertx vertx, VertxTestContext ctx) {
    var processing = ctx.checkpoint();
    var finished = ctx.checkpoint();
    String reference = "wd-" + System.nanoTime();
    JsonObject s = new JsonObject();
    vendorWithPayout()
      .compose(payoutId -> {
        s.put("payoutId", payoutId);
        Fakes.server().stubFor(post("/withdraw/").atPriority(1).withRequestBody(containing("pm_" + payoutId))
          .willReturn(okJson(new JsonObject().put("reference", reference).put("status", "PENDING").encode())));
        return approve(payoutId);
      })
      .compose(r -> {
        ctx.verify(() -> {
          assertThat(r.getString("status")).as(r.encode()).isEqualTo("PROCESSING");
          processing.flag();
        });
        return Stored.followUp(p, "PAYOUT", s.getString("payoutId"));
      })
      .compose(f -> {
        ctx.verify(() -> assertThat(f).as("the payout is followed durably").isNotNull());
        Fakes.campaySays(reference, "pm_" + s.getString("payoutId"), "SUCCESSFUL", 5_000);
        return Stored.eventually(vertx, () -> Stored.followUp(p, "PAYOUT", s.getString("payoutId")).map(x -> x == null));
      })
      .compose(v -> Future.all(List.of(Stored.payout(p, s.getString("payoutId")),
        p.balance(vendor.getString("vendorId"), Role.VENDOR), p.wallets.reconcile())))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertThat(((JsonObject) all.resultAt(0)).getString("status")).isEqualTo("PAID");
        assertThat((Long) all.resultAt(1)).as("vendor: 8,500 − 5,000").isEqualTo(3_500);
        OrderFlowTest.assertReconciled(all.resultAt(2));
        finished.flag();
      })));
  }

  @Test
  @DisplayName("Campay's answer to a withdrawal is lost: nothing is sent twice, the money stays in flight and operators see the payout blocked")
  void lostWithdrawalAnswerIsShownNotResent(Vertx vertx, VertxTestContext ctx) {
    var blocked = ctx.checkpoint();
    var once = ctx.checkpoint();
    JsonObject s = new JsonObject();
    vendorWithPayout()
      .compose(payoutId -> {
        s.put("payoutId", payoutId);
        Fakes.server().stubFor(post("/withdraw/").atPriority(1).withRequestBody(containing("pm_" + payoutId))
          .willReturn(okJson("{\"reference\":\"late\",\"status\":\"PENDING\"}").withFixedDelay(LOST_ANSWER_DELAY_MS)));
        return approve(payoutId);
      })
      .compose(r -> p.admin())
      .compose(admin -> Stored.eventually(vertx, () -> p.call(HttpMethod.GET, p.adminPort,
          "/api/v1/ops/stuck?olderThanSeconds=0&limit=100", admin, null)
        .map(r -> r.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
          .anyMatch(i -> s.getString("payoutId").equals(i.getString("ref")) && "PAYOUT".equals(i.getString("kind"))
            && Boolean.TRUE.equals(i.getBoolean("blocked"))))))
      .compose(v -> {
        blocked.flag();
        return vertx.timer(1_000);
      })
      .compose(v -> Future.all(Stored.payout(p, s.getString("payoutId")), p.balance(vendor.getString("vendorId"), Role.VENDOR)))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertThat(((JsonObject) all.resultAt(0)).getString("status")).isEqualTo("PROCESSING");
        assertThat((Long) all.resultAt(1)).isEqualTo(3_500);
        assertThat(Fakes.server().findAll(postRequestedFor(urlEqualTo("/withdraw/"))
          .withRequestBody(containing("pm_" + s.getString("payoutId"))))).as("one withdrawal, never two").hasSize(1);
        once.flag();
      })));
  }

  /** A mobile-money order whose Campay outcome arrives while the order engine is undeployed; answers the order after. */
  private Future<JsonObject> outcomeWhileEngineDown(Vertx vertx, String status, String kind, Checkpoint owed) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1),
          "MOBILE_MONEY"))
      .compose(r -> {
        JsonObject order = r.bodyAsJsonObject();
        JsonObject c = Fakes.collection(order.getString("orderId")).orElseThrow();
        String ref = c.getString("reference");
        String pm = c.getString("external_reference");
        Fakes.campaySays(ref, pm, status, order.getLong("total"));
        JsonObject webhook = DemoFunds.signedWebhook(vertx, Fakes.CAMPAY_WEBHOOK_KEY, ref, pm, order.getLong("total"), status);
        return vertx.undeploy(p.orderEngineDeployment)
          .compose(v -> p.call(HttpMethod.POST, p.userPort, CampayTrustTest.WEBHOOK, null, webhook))
          .compose(applied -> {
            if (applied.statusCode() != 200 || !applied.bodyAsJsonObject().getBoolean("applied", false)) {
              return Future.failedFuture("webhook not applied: " + applied.bodyAsString());
            }
            return vertx.timer(500).compose(v -> Stored.followUp(p, kind, pm));
          })
          .compose(f -> {
            if (f == null) {
              return Future.failedFuture("no durable " + kind + " while the order engine was gone");
            }
            owed.flag();
            return vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(p.config));
          })
          .compose(id -> Stored.eventually(vertx, () -> Stored.followUp(p, kind, pm).map(f -> f == null)))
          .compose(v -> Stored.order(p, order.getString("orderId")));
      });
  }

  /** The vendor earns 8,500 from a delivered 10,000 order and asks for a 5,000 payout; answers its id. */
  private Future<String> vendorWithPayout() {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1),
          "WALLET"))
      .compose(r -> {
        JsonObject order = r.bodyAsJsonObject();
        return p.runToDelivery(order.getString("orderId"), vendor, rider, order.getString("deliveryCode"));
      })
      .compose(r -> Stored.eventually(p.vertx, () -> p.balance(vendor.getString("vendorId"), Role.VENDOR).map(b -> b == 8_500)))
      .compose(v -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/payouts", vendor.getString("token"),
        new JsonObject().put("amount", 5_000).put("phone", "+237672000000")))
      .compose(r -> r.statusCode() == 201 || r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject().getString("payoutId"))
        : Future.failedFuture("payout refused: " + r.bodyAsString()));
  }

  private Future<JsonObject> approve(String payoutId) {
    return p.admin().compose(admin -> p.call(HttpMethod.POST, p.adminPort, "/api/v1/payouts/" + payoutId + "/approve",
        admin, new JsonObject().put("allowOtherPhone", true))) // not the vendor's own number
      .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture("approval refused: " + r.statusCode() + " " + r.bodyAsString()));
  }
}
