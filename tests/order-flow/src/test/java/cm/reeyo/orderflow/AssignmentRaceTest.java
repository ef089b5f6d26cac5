package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Items;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rider assignment decided by one DynamoDB transaction over the order and the rider's item, raced through the APIs
 * many times: a rider never holds two orders, and a customer's cancel and a rider's accept never both win.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
@DisplayName("Rider assignment races: one transaction decides")
class AssignmentRaceTest {

  static final int REPEATS = 50;
  static final long PRICE = 5000;

  Platform p;
  JsonObject user;
  JsonObject vendor;
  String adminToken;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, REPEATS * 7_000L + 10_000), p.vendor(Map.of("Ndolé", PRICE)), p.admin());
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        adminToken = all.resultAt(2);
        ctx.completeNow();
      }));
  }

  @Test
  @DisplayName("one rider accepts two offered orders at once, 50 times: exactly one accept succeeds, the other is 409 CONFLICT, the rider item holds the winner")
  void oneRiderTwoOrders(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger wins = new AtomicInteger();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < REPEATS; i++) {
      chain = chain.compose(v -> twoAccepts(vertx, ctx)).map(won -> {
        wins.addAndGet(won);
        return null;
      });
    }
    chain.onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(wins.get()).as("one accept per round").isEqualTo(REPEATS);
      ctx.completeNow();
    })));
  }

  private Future<Integer> twoAccepts(Vertx vertx, VertxTestContext ctx) {
    return p.rider("Mike", 4.0601, 9.7679).compose(rider -> {
      Inbox inbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
      return Future.all(acceptedOrder("CASH"), acceptedOrder("CASH"))
        .compose(orders -> {
          String a = orders.resultAt(0);
          String b = orders.resultAt(1);
          return Future.all(inbox.next("new_order", a), inbox.next("new_order", b))
            .compose(x -> Future.all(riderAccept(rider, a), riderAccept(rider, b)))
            .compose(both -> {
              HttpResponse<Buffer> ra = both.resultAt(0);
              HttpResponse<Buffer> rb = both.resultAt(1);
              String won = ra.statusCode() == 200 ? a : b;
              HttpResponse<Buffer> lost = ra.statusCode() == 200 ? rb : ra;
              ctx.verify(() -> {
                assertThat(List.of(ra.statusCode(), rb.statusCode())).as(ra.bodyAsString() + rb.bodyAsString())
                  .containsExactlyInAnyOrder(200, 409);
                assertThat(lost.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("CONFLICT");
              });
              return Future.all(order(a), order(b), riderItem(rider.getString("riderId"))).map(all -> {
                JsonObject oa = all.resultAt(0);
                JsonObject ob = all.resultAt(1);
                JsonObject item = all.resultAt(2);
                ctx.verify(() -> {
                  assertThat(List.of(oa, ob).stream().filter(o -> o.getString("riderId") != null)).hasSize(1);
                  assertThat(item.getString("activeOrderId")).isEqualTo(won);
                });
                return 1;
              });
            });
        })
        .compose(won -> p.call(HttpMethod.PUT, p.riderPort, "/api/v1/status", rider.getString("token"),
          new JsonObject().put("isOnline", false)).map(won));
    });
  }

  @Test
  @DisplayName("customer cancel races rider accept, 50 times: never both; a cancelled order has no rider; refunded exactly once each; the rider takes the next order")
  void cancelRacesAccept(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger cancelWon = new AtomicInteger();
    AtomicInteger acceptWon = new AtomicInteger();
    p.rider("Mike", 4.0601, 9.7679).compose(rider -> {
      Inbox inbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < REPEATS; i++) {
        chain = chain.compose(v -> cancelVersusAccept(ctx, rider, inbox)).map(cancelled -> {
          (cancelled ? cancelWon : acceptWon).incrementAndGet();
          return null;
        });
      }
      return chain.compose(v -> acceptedOrder("CASH"))
        .compose(last -> inbox.next("new_order", last).compose(x -> riderAccept(rider, last)));
    }).compose(last -> {
      ctx.verify(() -> assertThat(last.statusCode()).as("the rider takes a new order afterwards").isEqualTo(200));
      String userId = user.getString("userId");
      return Future.all(p.balance(userId, Role.USER), p.wallets.transactions(userId, Role.USER), p.wallets.escrow(),
        p.wallets.reconcile());
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(cancelWon.get() + acceptWon.get()).isEqualTo(REPEATS);
      assertThat((Long) all.resultAt(0)).as("every order refunded in full").isEqualTo(REPEATS * 7_000L + 10_000);
      assertThat(Wallets.ofKind(all.resultAt(1), "ORDER_REFUND")).as("one refund per order").hasSize(REPEATS);
      assertThat((Long) all.resultAt(2)).as("escrow empty").isZero();
      OrderFlowTest.assertReconciled(all.resultAt(3));
      System.out.printf("cancel vs accept: cancel won %d, accept won %d, both won 0 of %d%n",
        cancelWon.get(), acceptWon.get(), REPEATS);
      ctx.completeNow();
    })));
  }

  /** One round; true when the customer's cancel won. An accepted order is then cancelled by an admin (rider freed). */
  private Future<Boolean> cancelVersusAccept(VertxTestContext ctx, JsonObject rider, Inbox inbox) {
    return acceptedOrder("WALLET").compose(id -> inbox.next("new_order", id).compose(x -> Future.all(
        p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/cancel", user.getString("token"),
          new JsonObject().put("reason", "changed my mind")),
        riderAccept(rider, id)))
      .compose(both -> {
        HttpResponse<Buffer> cancel = both.resultAt(0);
        HttpResponse<Buffer> accept = both.resultAt(1);
        boolean cancelled = cancel.statusCode() == 200;
        ctx.verify(() -> {
          assertThat(cancelled ^ accept.statusCode() == 200).as("exactly one wins: " + cancel.bodyAsString() + " / "
            + accept.bodyAsString()).isTrue();
          assertThat(List.of(cancel.statusCode(), accept.statusCode())).doesNotContain(500);
        });
        Future<?> release = cancelled ? Future.succeededFuture()
          : p.call(HttpMethod.POST, p.adminPort, "/api/v1/orders/" + id + "/cancel", adminToken,
            new JsonObject().put("reason", "test release"));
        return release.compose(x -> Future.all(order(id), riderItem(rider.getString("riderId")))).map(all -> {
          JsonObject o = all.resultAt(0);
          JsonObject item = all.resultAt(1);
          ctx.verify(() -> {
            assertThat(o.getString("status")).isEqualTo("CANCELLED");
            assertThat(o.getString("paymentStatus")).isEqualTo("REFUNDED");
            if (cancelled) {
              assertThat(o.getString("riderId")).as("a cancelled order carries no rider").isNull();
            }
            assertThat(item.getString("activeOrderId")).as("the rider is free again").isNull();
          });
          return cancelled;
        });
      }));
  }

  /** A placed order the vendor accepted (so it is being offered): its id. */
  private Future<String> acceptedOrder(String method) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), method))
      .compose(r -> {
        String id = r.bodyAsJsonObject().getString("orderId");
        return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + id + "/accept", vendor.getString("token"), null)
          .compose(a -> a.statusCode() == 200 ? Future.succeededFuture(id) : Future.failedFuture(a.bodyAsString()));
      });
  }

  private Future<HttpResponse<Buffer>> riderAccept(JsonObject rider, String orderId) {
    return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId + "/accept", rider.getString("token"), null);
  }

  private Future<JsonObject> order(String orderId) {
    return p.call(HttpMethod.GET, p.adminPort, "/api/v1/orders/" + orderId, adminToken, null).map(HttpResponse::bodyAsJsonObject);
  }

  private Future<JsonObject> riderItem(String riderId) {
    return p.dynamo.call(c -> c.getItem(b -> b.tableName(p.dynamo.table(CoreTables.RIDERS))
      .key(Items.key("riderId", riderId)).consistentRead(true))).map(r -> Items.toJson(r.item()));
  }
}
