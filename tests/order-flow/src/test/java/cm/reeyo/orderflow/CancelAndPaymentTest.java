package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.wallet.DemoFunds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("Who may do what: cancellation, refunds, privacy, mobile money confirmation, bridge checks")
class CancelAndPaymentTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 30_000), p.vendor(Map.of("Ndolé", 5000L)));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        ctx.completeNow();
      }));
  }

  Future<JsonObject> place(String method) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2), method))
      .map(r -> r.bodyAsJsonObject());
  }

  @Test
  @DisplayName("customer cancels a PENDING wallet order: refunded in full by the wallet engine; others get 404; no cancel once PREPARING; admin cancels any undelivered order")
  void cancellation(Vertx vertx, VertxTestContext ctx) {
    String ut = user.getString("token");
    String vt = vendor.getString("token");
    String userId = user.getString("userId");
    Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
    place("WALLET").compose(o -> Future.all(p.balance(userId, Role.USER), p.wallets.escrow()).compose(paid -> {
          ctx.verify(() -> {
            assertThat(o.getLong("total")).isEqualTo(12_000);
            assertThat((Long) paid.resultAt(0)).as("paid from the wallet").isEqualTo(18_000);
            assertThat((Long) paid.resultAt(1)).as("held in escrow").isEqualTo(12_000);
          });
          return p.customer(true, 0);
        }).compose(stranger -> p.call(HttpMethod.GET, p.userPort,
          "/api/v1/orders/" + o.getString("orderId"), stranger.getString("token"), null))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("not your order").isEqualTo(404));
          return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + o.getString("orderId") + "/cancel", ut,
            new JsonObject().put("reason", "changed my mind"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.bodyAsJsonObject().getString("status")).as(r.bodyAsString()).isEqualTo("CANCELLED");
            assertThat(r.bodyAsJsonObject().getString("paymentStatus")).isEqualTo("REFUNDED");
          });
          return Future.all(List.of(p.balance(userId, Role.USER), vendorInbox.next("order_cancelled", o.getString("orderId")),
            p.wallets.escrow(), p.wallets.revenue(), p.wallets.transactions(userId, Role.USER), p.wallets.reconcile()));
        }))
      .compose(all -> {
        ctx.verify(() -> {
          assertThat((Long) all.resultAt(0)).as("refunded in full").isEqualTo(30_000);
          assertThat((Long) all.resultAt(2)).as("escrow emptied").isZero();
          assertThat((Long) all.resultAt(3)).as("no cancellation fee before pickup").isZero();
          List<JsonObject> refunds = Wallets.ofKind(all.resultAt(4), "ORDER_REFUND");
          assertThat(refunds).hasSize(1);
          assertThat(refunds.get(0).getLong("amount")).isEqualTo(12_000);
          assertThat(refunds.get(0).getString("type")).isEqualTo("CREDIT");
          OrderFlowTest.assertReconciled(all.resultAt(5));
        });
        return place("CASH");
      })
      .compose(o -> {
        String id = o.getString("orderId");
        return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + id + "/accept", vt, null)
          .compose(r -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + id + "/preparing", vt, null))
          .compose(r -> p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/cancel", ut, new JsonObject()))
          .compose(r -> {
            ctx.verify(() -> assertThat(r.statusCode()).as("too late for the customer").isEqualTo(409));
            return p.admin();
          })
          .compose(admin -> p.call(HttpMethod.POST, p.adminPort, "/api/v1/orders/" + id + "/cancel", admin,
              new JsonObject().put("reason", "kitchen fire"))
            .compose(r -> {
              ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).as(r.bodyAsString()).isEqualTo("CANCELLED"));
              return p.call(HttpMethod.GET, p.adminPort, "/api/v1/orders?status=CANCELLED", admin, null);
            }));
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.bodyAsJsonObject().getJsonArray("items")).hasSize(2);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("MOBILE_MONEY waits in AWAITING_PAYMENT until Campay's webhook confirms the collection; then PENDING and PAID with the money in escrow; the bridge's party check and rider list answer")
  void mobileMoney(Vertx vertx, VertxTestContext ctx) {
    Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
    String userId = user.getString("userId");
    place("MOBILE_MONEY").compose(o -> {
      String id = o.getString("orderId");
      JsonObject collection = Fakes.collection(id).orElse(new JsonObject());
      ctx.verify(() -> {
        assertThat(o.getString("status")).as(o.encode()).isEqualTo("AWAITING_PAYMENT");
        assertThat(collection.getString("amount")).as("Campay asked for the total").isEqualTo(String.valueOf(o.getLong("total")));
        assertThat(collection.getString("from")).isEqualTo(user.getString("phone").substring(1));
      });
      Fakes.campaySays(collection.getString("reference"), collection.getString("external_reference"), "SUCCESSFUL",
        o.getLong("total"));
      JsonObject webhook = DemoFunds.signedWebhook(vertx, Fakes.CAMPAY_WEBHOOK_KEY, collection.getString("reference"),
        collection.getString("external_reference"), o.getLong("total"), "SUCCESSFUL");
      return p.call(HttpMethod.POST, p.userPort, "/api/v1/payments/campay/webhook", null, webhook)
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getBoolean("applied")).as(r.bodyAsString()).isTrue());
          return vendorInbox.next("new_order", id);
        })
        .compose(x -> p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + id, user.getString("token"), null))
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PENDING");
            assertThat(r.bodyAsJsonObject().getString("paymentStatus")).isEqualTo("PAID");
          });
          return Future.all(p.balance(userId, Role.USER), p.wallets.escrow());
        })
        .compose(money -> {
          ctx.verify(() -> {
            assertThat((Long) money.resultAt(0)).as("paid by mobile money, the wallet is untouched").isEqualTo(30_000);
            assertThat((Long) money.resultAt(1)).as("held in escrow").isEqualTo(o.getLong("total"));
          });
          return Future.all(
            vertx.eventBus().<JsonObject>request(OrderAddresses.PARTY_CHECK, new JsonObject().put("orderId", id)
              .put("principalId", userId).put("role", "USER")),
            vertx.eventBus().<JsonObject>request(OrderAddresses.PARTY_CHECK, new JsonObject().put("orderId", id)
              .put("principalId", "user_other").put("role", "USER")),
            vertx.eventBus().<JsonObject>request(OrderAddresses.ACTIVE_FOR_RIDER, new JsonObject().put("riderId", "rider_x")));
        });
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(((Message<JsonObject>) all.resultAt(0)).body().getBoolean("party")).isTrue();
      assertThat(((Message<JsonObject>) all.resultAt(1)).body().getBoolean("party")).isFalse();
      assertThat(((Message<JsonObject>) all.resultAt(2)).body().getJsonArray("orderIds")).isEmpty();
      ctx.completeNow();
    })));
  }
}
