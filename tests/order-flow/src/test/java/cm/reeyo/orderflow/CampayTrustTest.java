package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.wallet.DemoFunds;
import cm.reeyo.wallet.WebhookVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campay's webhook through the public route is only a trigger: the wallet engine asks Campay's status endpoint (the
 * fake's state is set per reference) and applies only that answer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
@DisplayName("Campay trust: money moves on Campay's confirmed status and amount only")
class CampayTrustTest {

  static final String WEBHOOK = "/api/v1/payments/campay/webhook";

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 0), p.vendor(Map.of("Ndolé", 5000L)));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        ctx.completeNow();
      }));
  }

  private Future<JsonObject> placeMobileMoney() {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2),
          "MOBILE_MONEY"))
      .map(r -> {
        JsonObject o = r.bodyAsJsonObject();
        return o.put("collection", Fakes.collection(o.getString("orderId")).orElseThrow());
      });
  }

  private Future<HttpResponse<Buffer>> webhook(JsonObject body) {
    return p.call(HttpMethod.POST, p.userPort, WEBHOOK, null, body);
  }

  @Test
  @DisplayName("a validly signed SUCCESSFUL webhook moves nothing while Campay says PENDING or another amount; once Campay confirms, it pays once and a replay moves nothing")
  void contradictedThenReplayed(VertxTestContext ctx) {
    placeMobileMoney().compose(o -> {
      JsonObject c = o.getJsonObject("collection");
      String ref = c.getString("reference");
      String pm = c.getString("external_reference");
      long total = o.getLong("total");
      JsonObject signed = DemoFunds.signedWebhook(p.vertx, Fakes.CAMPAY_WEBHOOK_KEY, ref, pm, total, "SUCCESSFUL");
      return webhook(signed)
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getBoolean("applied")).as("Campay says PENDING").isFalse());
          Fakes.campaySays(ref, pm, "SUCCESSFUL", total - 1000);
          return webhook(signed);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("Campay's amount is not the order's").isEqualTo(422));
          return p.wallets.escrow();
        })
        .compose(escrow -> {
          ctx.verify(() -> assertThat(escrow).as("nothing moved").isZero());
          Fakes.campaySays(ref, pm, "SUCCESSFUL", total);
          return webhook(signed);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getBoolean("applied")).isTrue());
          return webhook(signed);
        })
        .compose(replay -> {
          ctx.verify(() -> assertThat(replay.bodyAsJsonObject().getBoolean("applied")).as("a replay applies nothing").isFalse());
          return Future.all(p.wallets.escrow(), p.wallets.reconcile(),
            p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + o.getString("orderId"), user.getString("token"), null));
        })
        .map(all -> {
          ctx.verify(() -> {
            assertThat((Long) all.resultAt(0)).as("paid into escrow once").isEqualTo(total);
            OrderFlowTest.assertReconciled(all.resultAt(1));
            assertThat(((HttpResponse<Buffer>) all.resultAt(2)).bodyAsJsonObject().getString("paymentStatus")).isEqualTo("PAID");
          });
          return null;
        });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("signatures without exp, or whose claims do not name this payment ({iat}, {}, another payment), are refused with 401")
  void signaturesMustNameThePayment(VertxTestContext ctx) {
    Future.all(placeMobileMoney(), placeMobileMoney()).compose(both -> {
      JsonObject c = ((JsonObject) both.resultAt(0)).getJsonObject("collection");
      JsonObject other = ((JsonObject) both.resultAt(1)).getJsonObject("collection");
      String ref = c.getString("reference");
      Fakes.campaySays(ref, c.getString("external_reference"), "SUCCESSFUL", ((JsonObject) both.resultAt(0)).getLong("total"));
      JsonObject body = DemoFunds.signedWebhook(p.vertx, Fakes.CAMPAY_WEBHOOK_KEY, ref, c.getString("external_reference"), 1, "SUCCESSFUL");
      long now = System.currentTimeMillis() / 1000;
      JsonObject[] claims = {new JsonObject().put("iat", now), new JsonObject(),
        new JsonObject().put("reference", ref).put("iat", now),
        new JsonObject().put("reference", other.getString("reference")).put("exp", now + 300)};
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject claim : claims) {
        chain = chain.compose(v -> webhook(body.copy().put("signature", WebhookVerifier.sign(p.vertx, Fakes.CAMPAY_WEBHOOK_KEY, claim))))
          .map(r -> {
            ctx.verify(() -> assertThat(r.statusCode()).as(claim.encode()).isEqualTo(401));
            return null;
          });
      }
      return chain.compose(v -> p.wallets.escrow());
    }).onComplete(ctx.succeeding(escrow -> ctx.verify(() -> {
      assertThat(escrow).isZero();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a FAILED payment (per Campay) cancels its order with payment_failed and the customer is told")
  void failedPaymentCancels(Vertx vertx, VertxTestContext ctx) {
    Inbox userInbox = Inbox.listen(vertx, ClientAddresses.user(user.getString("userId")));
    placeMobileMoney().compose(o -> {
      JsonObject c = o.getJsonObject("collection");
      String id = o.getString("orderId");
      Fakes.campaySays(c.getString("reference"), c.getString("external_reference"), "FAILED", o.getLong("total"));
      return webhook(DemoFunds.signedWebhook(p.vertx, Fakes.CAMPAY_WEBHOOK_KEY, c.getString("reference"),
          c.getString("external_reference"), o.getLong("total"), "SUCCESSFUL"))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).as(r.bodyAsString()).isEqualTo("FAILED"));
          return userInbox.next("order_cancelled", id);
        })
        .compose(told -> {
          ctx.verify(() -> assertThat(told.getJsonObject("data").getString("reason")).isEqualTo("payment_failed"));
          return Future.all(p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + id, user.getString("token"), null),
            p.wallets.escrow(), p.balance(user.getString("userId"), Role.USER));
        });
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      JsonObject order = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject();
      assertThat(order.getString("status")).isEqualTo("CANCELLED");
      assertThat(order.getString("cancelReason")).isEqualTo("payment_failed");
      assertThat((Long) all.resultAt(1)).isZero();
      assertThat((Long) all.resultAt(2)).isZero();
      ctx.completeNow();
    })));
  }
}
