package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
@DisplayName("Races: one winner, one debit")
class ConcurrencyTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 100_000), p.vendor(Map.of("Ndolé", 5000L)));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        ctx.completeNow();
      }));
  }

  Future<HttpResponse<Buffer>> place(String key, int quantity) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    JsonArray lines = Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), quantity);
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), lines, "WALLET"), headers);
  }

  @Test
  @DisplayName("two riders accept the same offer at once: exactly one wins, the other gets 409 and loses the offer")
  void ridersRace(Vertx vertx, VertxTestContext ctx) {
    Future.all(p.rider("Mike", 4.0601, 9.7679), p.rider("Paul", 4.0611, 9.7689)).compose(riders -> {
      JsonObject a = riders.resultAt(0);
      JsonObject b = riders.resultAt(1);
      Inbox aInbox = Inbox.listen(vertx, ClientAddresses.rider(a.getString("riderId")));
      Inbox bInbox = Inbox.listen(vertx, ClientAddresses.rider(b.getString("riderId")));
      return place(null, 3).compose(r -> {
        String orderId = r.bodyAsJsonObject().getString("orderId");
        return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/accept", vendor.getString("token"), null)
          .compose(x -> Future.all(aInbox.next("new_order", orderId), bInbox.next("new_order", orderId)))
          .compose(x -> Future.all(
            p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId + "/accept", a.getString("token"), null),
            p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId + "/accept", b.getString("token"), null)))
          .compose(both -> {
            HttpResponse<Buffer> ra = both.resultAt(0);
            HttpResponse<Buffer> rb = both.resultAt(1);
            ctx.verify(() -> assertThat(List.of(ra.statusCode(), rb.statusCode())).containsExactlyInAnyOrder(200, 409));
            JsonObject loser = ra.statusCode() == 409 ? a : b;
            JsonObject winner = ra.statusCode() == 200 ? a : b;
            HttpResponse<Buffer> lost = ra.statusCode() == 409 ? ra : rb;
            ctx.verify(() -> assertThat(lost.bodyAsJsonObject().getJsonObject("error").getString("code")).isIn("OFFER_TAKEN", "NOT_FOUND"));
            return p.call(HttpMethod.GET, p.riderPort, "/api/v1/offers", loser.getString("token"), null)
              .compose(offers -> {
                ctx.verify(() -> assertThat(offers.bodyAsJsonObject().getJsonArray("items")).isEmpty());
                return p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + orderId, user.getString("token"), null);
              })
              .map(order -> {
                ctx.verify(() -> assertThat(order.bodyAsJsonObject().getString("riderId")).isEqualTo(winner.getString("riderId")));
                return null;
              });
          });
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("accept and reject at once: exactly one applies; a rejection refunds, an acceptance keeps the debit")
  void conflictingSteps(VertxTestContext ctx) {
    String vt = vendor.getString("token");
    place(null, 2).compose(r -> {
      String orderId = r.bodyAsJsonObject().getString("orderId");
      return Future.all(
          p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/accept", vt, null),
          p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/reject", vt, new JsonObject().put("reason", "busy")),
          p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/accept", vt, null))
        .compose(all -> {
          List<Integer> codes = List.of(((HttpResponse<?>) all.resultAt(0)).statusCode(),
            ((HttpResponse<?>) all.resultAt(1)).statusCode(), ((HttpResponse<?>) all.resultAt(2)).statusCode());
          ctx.verify(() -> assertThat(codes).containsOnlyOnce(200).contains(409).doesNotContain(500));
          return p.call(HttpMethod.GET, p.userPort, "/api/v1/orders/" + orderId, user.getString("token"), null)
            .compose(o -> Future.all(p.balance(user.getString("userId"), Role.USER), p.wallets.escrow()).map(money -> {
              JsonObject order = o.bodyAsJsonObject();
              long balance = money.resultAt(0);
              long escrow = money.resultAt(1);
              ctx.verify(() -> {
                assertThat(order.getJsonArray("timeline")).hasSize(2);
                if ("REJECTED".equals(order.getString("status"))) {
                  assertThat(order.getString("paymentStatus")).isEqualTo("REFUNDED");
                  assertThat(balance).isEqualTo(100_000);
                  assertThat(escrow).isZero();
                } else {
                  assertThat(order.getString("status")).isEqualTo("ACCEPTED");
                  assertThat(balance).isEqualTo(100_000 - order.getLong("total"));
                  assertThat(escrow).isEqualTo(order.getLong("total"));
                }
              });
              return null;
            }));
        });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a retried placement with the same Idempotency-Key (concurrent and later) yields one order, one debit, one new_order")
  void idempotentPlacement(Vertx vertx, VertxTestContext ctx) {
    Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
    Future.all(place("key-123", 2), place("key-123", 2), place("key-123", 2))
      .compose(first -> place("key-123", 2).map(later -> List.of((HttpResponse<Buffer>) first.resultAt(0),
        (HttpResponse<Buffer>) first.resultAt(1), (HttpResponse<Buffer>) first.resultAt(2), later)))
      .compose(all -> {
        ctx.verify(() -> {
          assertThat(all).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201));
          assertThat(all.stream().map(r -> r.bodyAsJsonObject().getString("orderId")).distinct()).hasSize(1);
          assertThat(all.stream().map(r -> r.bodyAsJsonObject().getString("deliveryCode")).distinct())
            .as("every answer is the stored order, with its delivery code").hasSize(1);
        });
        return Future.all(List.of(p.orderCount(), p.balance(user.getString("userId"), Role.USER), place("key-123", 3),
          p.wallets.transactions(user.getString("userId"), Role.USER), p.wallets.escrow()));
      })
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertThat((Long) all.resultAt(0)).isEqualTo(1);
        assertThat((Long) all.resultAt(1)).isEqualTo(100_000 - 10_000 - 2_000);
        assertThat(Wallets.kinds(all.resultAt(3))).as("one debit in the customer's statement")
          .containsExactlyInAnyOrder("ORDER_PAYMENT:DEBIT", "TOPUP:CREDIT");
        assertThat((Long) all.resultAt(4)).isEqualTo(12_000);
        assertThat(vendorInbox.events()).as("the vendor is told once").containsExactly("new_order");
        HttpResponse<Buffer> reused = all.resultAt(2);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        ctx.completeNow();
      })));
  }
}
