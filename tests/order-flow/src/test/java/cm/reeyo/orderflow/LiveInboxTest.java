package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.wallet.DemoFunds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("Live inbox: inbox entries arrive as `notification`, and payment_confirmed / order_rejected reach the customer")
class LiveInboxTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject()).compose(Platform::withNotifier)
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

  private Future<JsonObject> place(String method) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 2), method))
      .map(r -> r.bodyAsJsonObject());
  }

  @Test
  @DisplayName("a mobile money order confirmed by Campay: the customer gets payment_confirmed, then the order_placed inbox entry live, the same entry GET /notifications lists")
  void paymentConfirmedAndLiveNotification(Vertx vertx, VertxTestContext ctx) {
    Inbox userEvents = Inbox.listen(vertx, ClientAddresses.user(user.getString("userId")));
    Inbox vendorEvents = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
    place("MOBILE_MONEY").compose(o -> {
      String id = o.getString("orderId");
      JsonObject collection = Fakes.collection(id).orElse(new JsonObject());
      Fakes.campaySays(collection.getString("reference"), collection.getString("external_reference"), "SUCCESSFUL",
        o.getLong("total"));
      JsonObject webhook = DemoFunds.signedWebhook(vertx, Fakes.CAMPAY_WEBHOOK_KEY, collection.getString("reference"),
        collection.getString("external_reference"), o.getLong("total"), "SUCCESSFUL");
      return p.call(HttpMethod.POST, p.userPort, "/api/v1/payments/campay/webhook", null, webhook)
        .compose(r -> Future.all(userEvents.next("payment_confirmed", id), userEvents.next(notificationAbout(id)),
          vendorEvents.next(notificationAbout(id))))
        .compose(all -> {
          JsonObject confirmed = all.resultAt(0);
          JsonObject live = ((JsonObject) all.resultAt(1)).getJsonObject("data");
          JsonObject vendorLive = ((JsonObject) all.resultAt(2)).getJsonObject("data");
          ctx.verify(() -> {
            assertThat(confirmed.getJsonObject("data").getLong("amount")).isEqualTo(o.getLong("total"));
            assertThat(confirmed.getJsonObject("data").getString("paymentId")).isNotBlank();
            assertThat(live.getString("notificationId")).matches("n[0-9]+");
            assertThat(live.getString("title")).isNotBlank();
            assertThat(live.getBoolean("read")).isFalse();
            assertThat(live.getJsonObject("data").getString("type")).isEqualTo("order.placed");
            assertThat(vendorLive.getJsonObject("data").getString("type")).isEqualTo("order.placed");
          });
          return p.call(HttpMethod.GET, p.userPort, "/api/v1/notifications", user.getString("token"), null)
            .map(r -> r.bodyAsJsonObject().getJsonArray("items"))
            .map(items -> new JsonObject().put("items", items).put("live", live));
        });
    }).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      JsonArray items = both.getJsonArray("items");
      JsonObject live = both.getJsonObject("live");
      assertThat(items.stream().map(i -> ((JsonObject) i).getString("notificationId")))
        .as("the live entry is the stored one").contains(live.getString("notificationId"));
      JsonObject stored = items.stream().map(i -> (JsonObject) i)
        .filter(i -> i.getString("notificationId").equals(live.getString("notificationId"))).findFirst().orElseThrow();
      assertThat(stored.getString("title")).isEqualTo(live.getString("title"));
      assertThat(stored.getString("body")).isEqualTo(live.getString("body"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the vendor rejects a paid wallet order: the customer gets order_rejected with the refund, and no order_cancelled")
  void orderRejected(Vertx vertx, VertxTestContext ctx) {
    Inbox userEvents = Inbox.listen(vertx, ClientAddresses.user(user.getString("userId")));
    place("WALLET").compose(o -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + o.getString("orderId") + "/reject",
          vendor.getString("token"), new JsonObject().put("reason", "Out of ndolé"))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).as(r.bodyAsString()).isEqualTo("REJECTED"));
          return userEvents.next("order_rejected", o.getString("orderId"));
        })
        .compose(rejected -> pause(vertx, 300).map(rejected))
        .map(rejected -> new JsonObject().put("event", rejected).put("total", o.getLong("total"))))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        JsonObject data = r.getJsonObject("event").getJsonObject("data");
        assertThat(data.getString("reason")).isEqualTo("Out of ndolé");
        assertThat(data.getLong("refundAmount")).as("paid from the wallet, refunded in full").isEqualTo(r.getLong("total"));
        assertThat(userEvents.events()).doesNotContain("order_cancelled");
        ctx.completeNow();
      })));
  }

  private static Predicate<JsonObject> notificationAbout(String orderId) {
    return e -> "notification".equals(e.getString("event"))
      && orderId.equals(e.getJsonObject("data").getJsonObject("data", new JsonObject()).getString("orderId"));
  }

  private static Future<Void> pause(Vertx vertx, long ms) {
    Promise<Void> later = Promise.promise();
    vertx.setTimer(ms, t -> later.complete());
    return later.future();
  }
}
