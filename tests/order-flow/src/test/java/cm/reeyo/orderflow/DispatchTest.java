package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.storage.RedisKeys;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("Dispatch: offer timeout, widening radius, exhaustion, stale riders")
class DispatchTest {

  /** Radii 1 km then 3 km, offers time out after 400 ms, scans every 100 ms, presence sweeps every 100 ms. */
  static final JsonObject FAST = new JsonObject()
    .put("dispatch", new JsonObject().put("radiiKm", new JsonArray().add(1).add(3)).put("offerTimeoutMs", 400)
      .put("scanIntervalMs", 100))
    .put("presence", new JsonObject().put("sweepIntervalMs", 100));

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, FAST)
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 0), p.vendor(Map.of("Eru", 4000L)));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        ctx.completeNow();
      }));
  }

  @Test
  @DisplayName("a rider 2 km away gets no offer in the 1 km round, gets one when it widens to 3 km; after the last round the vendor is told and the order stays pending")
  void wideningAndExhaustion(Vertx vertx, VertxTestContext ctx) {
    JsonArray lines = Platform.lines(vendor.getJsonObject("items").getString("Eru"), 1);
    p.rider("Far", 4.0691, 9.7679).compose(rider -> {
      Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
      Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
      return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
          Platform.placeBody(vendor.getString("vendorId"), lines, "CASH"))
        .compose(r -> {
          String orderId = r.bodyAsJsonObject().getString("orderId");
          long acceptedAt = System.currentTimeMillis();
          return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/accept", vendor.getString("token"), null)
            .compose(x -> p.call(HttpMethod.GET, p.riderPort, "/api/v1/offers", rider.getString("token"), null))
            .compose(offers -> {
              ctx.verify(() -> assertThat(offers.bodyAsJsonObject().getJsonArray("items")).as("outside 1 km").isEmpty());
              return riderInbox.next("new_order", orderId);
            })
            .compose(offer -> {
              ctx.verify(() -> assertThat(System.currentTimeMillis() - acceptedAt).as("offered after the first timeout")
                .isGreaterThanOrEqualTo(400));
              return vendorInbox.next("order_unassigned", orderId);
            })
            .compose(told -> p.redis.zscore(RedisKeys.ORDERS_PENDING, orderId))
            .compose(score -> {
              ctx.verify(() -> assertThat(score).as("still pending after the last radius").isNotNull());
              return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId + "/accept", rider.getString("token"), null);
            })
            .compose(accepted -> {
              ctx.verify(() -> assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200));
              return p.redis.zscore(RedisKeys.ORDERS_PENDING, orderId);
            })
            .map(score -> {
              ctx.verify(() -> {
                assertThat(score).as("no longer pending once taken").isNull();
                assertThat(vendorInbox.events().stream().filter("order_unassigned"::equals)).as("told once").hasSize(1);
              });
              return null;
            });
        });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a rider silent for more than 2 minutes leaves riders:online; a fresh one stays; going offline removes at once")
  void staleRiders(Vertx vertx, VertxTestContext ctx) {
    Future.all(p.rider("Silent", 4.06, 9.77), p.rider("Fresh", 4.06, 9.77), p.rider("Leaving", 4.06, 9.77)).compose(all -> {
      String silent = ((JsonObject) all.resultAt(0)).getString("riderId");
      String fresh = ((JsonObject) all.resultAt(1)).getString("riderId");
      JsonObject leaving = all.resultAt(2);
      long old = System.currentTimeMillis() - 121_000;
      return p.redis.zadd(List.of(RedisKeys.RIDERS_LAST_SEEN, String.valueOf(old), silent))
        .compose(x -> p.call(HttpMethod.PUT, p.riderPort, "/api/v1/status", leaving.getString("token"),
          new JsonObject().put("isOnline", false)))
        .compose(x -> {
          Promise<Void> later = Promise.promise();
          vertx.setTimer(500, t -> later.complete());
          return later.future();
        })
        .compose(x -> Future.all(p.redis.zscore(RedisKeys.RIDERS_ONLINE, silent), p.redis.zscore(RedisKeys.RIDERS_ONLINE, fresh),
          p.redis.zscore(RedisKeys.RIDERS_ONLINE, leaving.getString("riderId"))))
        .map(scores -> {
          ctx.verify(() -> {
            assertThat((Object) scores.resultAt(0)).as("silent rider swept").isNull();
            assertThat((Object) scores.resultAt(1)).as("fresh rider kept").isNotNull();
            assertThat((Object) scores.resultAt(2)).as("offline rider removed").isNull();
          });
          return null;
        });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
