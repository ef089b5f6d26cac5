package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.wallet.WalletConfig;
import io.vertx.core.Future;
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

/**
 * The rider's cash limit (10,000 XAF here): dispatch stops offering CASH orders the rider could not settle; a CASH
 * settlement the limit refuses is blocked and listed for an admin instead of retried; an admin-recorded cash
 * deposit settles it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("Cash limit: skip at dispatch, block instead of looping, settle after a cash deposit")
class CashLimitTest {

  static final long LIMIT = 10_000;

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;
  String admin;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject().put(WalletConfig.CONF, new JsonObject().put(WalletConfig.CONF_RIDER_CASH_LIMIT, LIMIT)))
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 0), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Mike", 4.0601, 9.7679), p.admin());
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
        admin = all.resultAt(3);
        ctx.completeNow();
      }));
  }

  private Future<String> acceptedCashOrder(int portions) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), Platform.placeBody(
        vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), portions), "CASH"))
      .compose(r -> {
        String id = r.bodyAsJsonObject().getString("orderId");
        return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + id + "/accept", vendor.getString("token"), null).map(id);
      });
  }

  /** The rider takes the (offered) order and delivers it with the right code: the deliver response. */
  private Future<HttpResponse<Buffer>> deliver(String id) {
    String path = "/api/v1/orders/" + id;
    String vt = vendor.getString("token");
    String rt = rider.getString("token");
    return p.call(HttpMethod.GET, p.adminPort, path, admin, null).map(r -> r.bodyAsJsonObject().getString("deliveryCode"))
      .compose(code -> p.call(HttpMethod.POST, p.riderPort, path + "/accept", rt, null)
        .compose(r -> p.call(HttpMethod.POST, p.vendorPort, path + "/preparing", vt, new JsonObject()))
        .compose(r -> p.call(HttpMethod.POST, p.vendorPort, path + "/ready", vt, new JsonObject()))
        .compose(r -> p.call(HttpMethod.POST, p.riderPort, path + "/pickup", rt, null))
        .compose(r -> p.call(HttpMethod.POST, p.riderPort, path + "/deliver", rt, new JsonObject().put("code", code))));
  }

  private Future<JsonObject> order(String id) {
    return p.call(HttpMethod.GET, p.adminPort, "/api/v1/orders/" + id, admin, null).map(HttpResponse::bodyAsJsonObject);
  }

  private Future<JsonArray> offers() {
    return p.call(HttpMethod.GET, p.riderPort, "/api/v1/offers", rider.getString("token"), null)
      .map(r -> r.bodyAsJsonObject().getJsonArray("items"));
  }

  @Test
  @DisplayName("rider at the limit: no CASH offer; a settlement past the limit is BLOCKED_CASH_LIMIT in GET /ops/stuck, not retried; a cash deposit (audited, idempotent) settles it")
  void cashLimit(Vertx vertx, VertxTestContext ctx) {
    String riderId = rider.getString("riderId");
    Inbox inbox = Inbox.listen(vertx, ClientAddresses.rider(riderId));
    Future.all(acceptedCashOrder(2), acceptedCashOrder(1)).compose(both -> {
      String a = both.resultAt(0);
      String b = both.resultAt(1);
      return Future.all(inbox.next("new_order", a), inbox.next("new_order", b))
        .compose(x -> deliver(a))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getString("paymentStatus")).as(r.bodyAsString()).isEqualTo("SETTLED"));
          return p.balance(riderId, Role.RIDER);
        })
        .compose(balance -> {
          ctx.verify(() -> assertThat(balance).as("owes the 10,000 subtotal: at the limit").isEqualTo(-LIMIT));
          return deliver(b);
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
          return Future.all(order(b), p.call(HttpMethod.GET, p.adminPort, "/api/v1/ops/stuck", admin, null));
        })
        .compose(all -> {
          JsonObject blocked = all.resultAt(0);
          JsonArray stuck = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonArray("items");
          ctx.verify(() -> {
            assertThat(blocked.getString("status")).isEqualTo("DELIVERED");
            assertThat(blocked.getString("paymentStatus")).isEqualTo("SETTLE_PENDING");
            assertThat(blocked.getString("settlement")).isEqualTo("BLOCKED_CASH_LIMIT");
            assertThat(stuck).hasSize(1);
            assertThat(stuck.getJsonObject(0).getString("kind")).isEqualTo("SETTLE");
            assertThat(stuck.getJsonObject(0).getString("ref")).isEqualTo(b);
            assertThat(stuck.getJsonObject(0).getBoolean("blocked")).as("waits for a deposit, not retried").isTrue();
            assertThat(stuck.getJsonObject(0).getString("lastError")).contains("cash limit");
          });
          return acceptedCashOrder(1);
        })
        .compose(c -> offers().map(items -> {
          ctx.verify(() -> assertThat(items.stream().map(o -> ((JsonObject) o).getString("orderId")))
            .as("no CASH offer past the limit").doesNotContain(c));
          return c;
        }))
        .compose(c -> Future.all(
          p.call(HttpMethod.POST, p.adminPort, "/api/v1/riders/" + riderId + "/cash-deposits", admin, new JsonObject().put("amount", 0).put("reference", "R-0")),
          p.call(HttpMethod.POST, p.adminPort, "/api/v1/riders/" + riderId + "/cash-deposits", rider.getString("token"),
            new JsonObject().put("amount", 15_000).put("reference", "R-1"))))
        .compose(refused -> {
          ctx.verify(() -> {
            assertThat(((HttpResponse<?>) refused.resultAt(0)).statusCode()).isEqualTo(400);
            assertThat(((HttpResponse<?>) refused.resultAt(1)).statusCode()).isEqualTo(403);
          });
          return p.call(HttpMethod.POST, p.adminPort, "/api/v1/riders/" + riderId + "/cash-deposits", admin,
            new JsonObject().put("amount", 15_000).put("reference", "R-1"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
            assertThat(r.bodyAsJsonObject().getJsonObject("settlements").getJsonArray("settled")).containsExactly(b);
          });
          return p.call(HttpMethod.POST, p.adminPort, "/api/v1/riders/" + riderId + "/cash-deposits", admin,
            new JsonObject().put("amount", 15_000).put("reference", "R-1"));
        })
        .compose(replay -> {
          ctx.verify(() -> {
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.bodyAsJsonObject().getJsonObject("deposit").getBoolean("replayed")).isTrue();
          });
          return Future.all(List.of(order(b), p.call(HttpMethod.GET, p.adminPort, "/api/v1/ops/stuck", admin, null),
            p.balance(riderId, Role.RIDER), p.wallets.reconcile()));
        });
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(((JsonObject) all.resultAt(0)).getString("paymentStatus")).isEqualTo("SETTLED");
      assertThat(((JsonObject) all.resultAt(0)).getString("settlement")).isNull();
      assertThat(((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonArray("items")).isEmpty();
      assertThat((Long) all.resultAt(2)).as("-10,000 - 5,000 + 15,000 deposited once").isZero();
      OrderFlowTest.assertReconciled(all.resultAt(3));
      ctx.completeNow();
    })));
  }
}
