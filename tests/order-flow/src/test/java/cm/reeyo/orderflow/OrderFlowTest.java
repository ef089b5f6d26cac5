package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Order flow end to end through the HTTP APIs")
class OrderFlowTest {

  static final Map<String, Long> MENU = new LinkedHashMap<>(Map.of("Ndolé", 5000L, "Poulet DG", 7500L,
    "Plantains frits", 1500L, "Jus de foléré", 1000L));

  Platform p;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject()).onComplete(ctx.succeeding(platform -> {
      p = platform;
      ctx.completeNow();
    }));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("WALLET order of 15,000 + 2,000 fee: accept, rider offer and accept, prepare, ready, pickup, deliver with the code, settle, rate")
  void happyPath(Vertx vertx, VertxTestContext ctx) {
    JsonObject s = new JsonObject();
    Future.all(p.customer(true, 50_000), p.vendor(MENU), p.rider("Mike", 4.0601, 9.7679)).compose(all -> {
      JsonObject user = all.resultAt(0);
      JsonObject vendor = all.resultAt(1);
      JsonObject rider = all.resultAt(2);
      s.put("user", user).put("vendor", vendor).put("rider", rider);
      s.put("userInbox", 0);
      Inbox userInbox = Inbox.listen(vertx, ClientAddresses.user(user.getString("userId")));
      Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
      Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
      JsonObject ids = vendor.getJsonObject("items");
      JsonArray lines = Platform.lines(ids.getString("Ndolé"), 1, ids.getString("Poulet DG"), 1,
        ids.getString("Plantains frits"), 1, ids.getString("Jus de foléré"), 1);
      String vt = vendor.getString("token");
      String rt = rider.getString("token");
      return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
          Platform.placeBody(vendor.getString("vendorId"), lines, "WALLET"))
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
            JsonObject o = r.bodyAsJsonObject();
            assertThat(o.getLong("subtotal")).isEqualTo(15_000);
            assertThat(o.getLong("deliveryFee")).isEqualTo(2_000);
            assertThat(o.getLong("total")).isEqualTo(17_000);
            assertThat(o.getDouble("distance")).isBetween(7.25, 7.75);
            assertThat(o.getString("status")).isEqualTo("PENDING");
            assertThat(o.getString("deliveryCode")).matches("\\d{4}");
          });
          s.put("order", r.bodyAsJsonObject());
          return Future.all(p.balance(user.getString("userId"), Role.USER), p.wallets.escrow());
        })
        .compose(money -> {
          ctx.verify(() -> {
            assertThat((Long) money.resultAt(0)).as("debited once").isEqualTo(33_000);
            assertThat((Long) money.resultAt(1)).as("held in escrow").isEqualTo(17_000);
          });
          return p.admin().compose(admin -> p.call(HttpMethod.GET, p.adminPort, "/api/v1/stats", admin, null));
        })
        .compose(stats -> {
          ctx.verify(() -> assertThat(stats.bodyAsJsonObject().getLong("escrowHeld")).as("the dashboard's escrow")
            .isEqualTo(17_000));
          return vendorInbox.next("new_order", orderId(s));
        })
        .compose(x -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId(s) + "/accept", vt, new JsonObject()))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("ACCEPTED"));
          return riderInbox.next("new_order", orderId(s));
        })
        .compose(offer -> {
          ctx.verify(() -> {
            assertThat(offer.getJsonObject("data").getLong("deliveryFee")).isEqualTo(2_000);
            assertThat(offer.getJsonObject("data").getJsonObject("delivery").getBoolean("approximate")).isTrue();
            assertThat(offer.encode()).as("the live offer too").doesNotContain("Carrefour Ndokoti");
          });
          return p.call(HttpMethod.GET, p.riderPort, "/api/v1/offers", rt, null);
        })
        .compose(r -> {
          ctx.verify(() -> {
            JsonObject offered = r.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
            assertThat(offered.getString("orderId")).isEqualTo(orderId(s));
            JsonObject drop = offered.getJsonObject("delivery");
            assertThat(drop.fieldNames()).as("only an approximate drop-off before acceptance")
              .containsExactlyInAnyOrder("approximate", "city", "lat", "lng");
            assertThat(drop.getDouble("lat")).isEqualTo(Math.round(Platform.CUSTOMER_LAT * 100) / 100.0);
            assertThat(drop.getDouble("lng")).isEqualTo(Math.round(Platform.CUSTOMER_LNG * 100) / 100.0);
            assertThat(offered.encode()).doesNotContain("Carrefour Ndokoti");
          });
          return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId(s) + "/accept", rt, null);
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("riderId")).isEqualTo(rider.getString("riderId"));
            assertThat(r.bodyAsJsonObject().containsKey("deliveryCode")).as("riders never see the code").isFalse();
            assertThat(r.bodyAsJsonObject().getJsonObject("deliveryAddress").getString("line1")).as("exact once accepted")
              .isEqualTo("Carrefour Ndokoti");
          });
          return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId(s) + "/preparing", vt, new JsonObject());
        })
        .compose(r -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId(s) + "/ready", vt, new JsonObject()))
        .compose(r -> p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId(s) + "/pickup", rt, null))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PICKED_UP"));
          String wrong = s.getJsonObject("order").getString("deliveryCode").equals("0000") ? "1111" : "0000";
          return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId(s) + "/deliver", rt,
            new JsonObject().put("code", wrong));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("wrong code").isEqualTo(422));
          return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId(s) + "/deliver", rt,
            new JsonObject().put("code", s.getJsonObject("order").getString("deliveryCode")));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("status")).as(r.bodyAsString()).isEqualTo("DELIVERED"));
          return userInbox.next("order_delivered", orderId(s));
        })
        .compose(x -> p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + orderId(s), user.getString("token"), null))
        .compose(r -> {
          JsonObject o = r.bodyAsJsonObject();
          ctx.verify(() -> {
            assertThat(o.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
              .containsExactly("PENDING", "ACCEPTED", "RIDER_ASSIGNED", "PREPARING", "READY", "PICKED_UP", "DELIVERED");
            assertThat(o.getString("paymentStatus")).isEqualTo("SETTLED");
            assertThat(userInbox.events()).contains("order_accepted", "rider_assigned", "order_preparing", "order_ready",
              "order_delivered");
          });
          return Future.all(List.of(p.balance(user.getString("userId"), Role.USER),
            p.balance(vendor.getString("vendorId"), Role.VENDOR), p.balance(rider.getString("riderId"), Role.RIDER),
            p.wallets.revenue(), p.wallets.escrow(), p.wallets.reconcile()));
        })
        .compose(b -> {
          ctx.verify(() -> {
            assertThat((Long) b.resultAt(0)).as("customer: 50,000 − 17,000").isEqualTo(33_000);
            assertThat((Long) b.resultAt(1)).as("vendor: 15,000 − 15 % commission").isEqualTo(12_750);
            assertThat((Long) b.resultAt(2)).as("rider: the delivery fee").isEqualTo(2_000);
            assertThat((Long) b.resultAt(3)).as("platform revenue: the commission").isEqualTo(2_250);
            assertThat((Long) b.resultAt(4)).as("escrow").isZero();
            assertReconciled(b.resultAt(5));
          });
          return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + orderId(s) + "/rating", user.getString("token"),
            new JsonObject().put("rating", 5).put("review", "Great service!"));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
          return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + orderId(s) + "/rating", user.getString("token"),
            new JsonObject().put("rating", 4));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("rated once").isEqualTo(409));
          return p.call(HttpMethod.GET, p.userPort, "/api/v1/vendors/" + vendor.getString("vendorId"), user.getString("token"), null);
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.bodyAsJsonObject().getDouble("rating")).isEqualTo(5.0);
            assertThat(r.bodyAsJsonObject().getLong("totalOrders")).isEqualTo(1);
          });
          return p.call(HttpMethod.GET, p.riderPort, "/api/v1/leaderboard", rt, null);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getJsonArray("items")).contains(
            new JsonObject().put("riderId", rider.getString("riderId")).put("earnings", 2000L)));
          return p.call(HttpMethod.GET, p.vendorPort, "/api/v1/orders?status=DELIVERED", vt, null);
        })
        .map(r -> {
          ctx.verify(() -> {
            JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
            assertThat(items).hasSize(1);
            assertThat(items.getJsonObject(0).containsKey("deliveryCode")).isFalse();
          });
          return null;
        });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("CASH order of 15,000 + 2,000 fee delivered: the rider carries the cash and keeps the fee, vendor and platform are credited, the ledger sums to zero")
  void cashOrder(VertxTestContext ctx) {
    Future.all(p.customer(true, 0), p.vendor(MENU), p.rider("Cash", 4.0601, 9.7679)).compose(all -> {
      JsonObject user = all.resultAt(0);
      JsonObject vendor = all.resultAt(1);
      JsonObject rider = all.resultAt(2);
      JsonObject ids = vendor.getJsonObject("items");
      JsonArray lines = Platform.lines(ids.getString("Ndolé"), 1, ids.getString("Poulet DG"), 1,
        ids.getString("Plantains frits"), 1, ids.getString("Jus de foléré"), 1);
      return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
          Platform.placeBody(vendor.getString("vendorId"), lines, "CASH"))
        .compose(placed -> {
          JsonObject order = placed.bodyAsJsonObject();
          ctx.verify(() -> {
            assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
            assertThat(order.getString("paymentStatus")).isEqualTo("CASH_ON_DELIVERY");
            assertThat(order.getLong("total")).isEqualTo(17_000);
          });
          return p.runToDelivery(order.getString("orderId"), vendor, rider, order.getString("deliveryCode"));
        })
        .compose(delivered -> {
          ctx.verify(() -> {
            assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
            assertThat(delivered.bodyAsJsonObject().getString("paymentStatus")).isEqualTo("SETTLED");
          });
          return Future.all(List.of(p.balance(user.getString("userId"), Role.USER),
            p.balance(vendor.getString("vendorId"), Role.VENDOR), p.balance(rider.getString("riderId"), Role.RIDER),
            p.wallets.revenue(), p.wallets.escrow(), p.wallets.reconcile(),
            p.wallets.transactions(rider.getString("riderId"), Role.RIDER)));
        })
        .map(b -> {
          ctx.verify(() -> {
            assertThat((Long) b.resultAt(0)).as("customer paid in cash, not from the wallet").isZero();
            assertThat((Long) b.resultAt(1)).as("vendor").isEqualTo(12_750);
            assertThat((Long) b.resultAt(2)).as("rider holds 17,000 cash, keeps the 2,000 fee: owes 15,000").isEqualTo(-15_000);
            assertThat((Long) b.resultAt(3)).as("platform revenue").isEqualTo(2_250);
            assertThat((Long) b.resultAt(4)).as("no escrow for cash").isZero();
            assertReconciled(b.resultAt(5));
            List<JsonObject> riderEntries = b.resultAt(6);
            assertThat(riderEntries).extracting(e -> e.getString("type") + " " + e.getLong("amount"))
              .containsExactlyInAnyOrder("DEBIT 17000", "CREDIT 2000");
          });
          return null;
        });
    }).onComplete(ctx.succeedingThenComplete());
  }

  static void assertReconciled(JsonObject report) {
    assertThat(report.getBoolean("ok")).as(report.encodePrettily()).isTrue();
    assertThat(report.getLong("sumOfBalances")).isZero();
    assertThat(report.getInteger("mismatchCount")).isZero();
    assertThat(report.getInteger("unbalancedCount")).isZero();
  }

  static String orderId(JsonObject s) {
    return s.getJsonObject("order").getString("orderId");
  }
}
