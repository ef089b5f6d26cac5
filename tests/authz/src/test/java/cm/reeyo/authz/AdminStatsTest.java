package cm.reeyo.authz;

import cm.reeyo.authz.World.Slot;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Admin dashboard figures from the real engines")
class AdminStatsTest {

  static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
  static final String CACHE_KEY = "admin:stats:" + TODAY;

  static World w;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx)
      .compose(World::build)
      .compose(world -> world.p.redis.del(List.of(CACHE_KEY)).map(world))
      .onComplete(ctx.succeeding(world -> {
        w = world;
        ctx.completeNow();
      }));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a delivered and an accepted cash order, one rider online, a 5,000 XAF payout request: the figures, then the cache")
  void figures(VertxTestContext ctx) {
    Platform p = w.p;
    String admin = w.token(Role.ADMIN, Slot.A);
    p.ok(HttpMethod.GET, Role.ADMIN, "/api/v1/stats", admin, null)
      .compose(stats -> {
        ctx.verify(() -> {
          assertThat(stats.getString("date")).isEqualTo(TODAY);
          assertThat(stats.getJsonObject("orders").getLong("total")).isEqualTo(2);
          JsonObject byStatus = stats.getJsonObject("orders").getJsonObject("byStatus");
          assertThat(byStatus.getLong("DELIVERED")).isEqualTo(1);
          assertThat(byStatus.getLong("ACCEPTED")).as("taken by rider A, not yet prepared").isEqualTo(1);
          assertThat(byStatus.getLong("PENDING")).isZero();
          assertThat(byStatus.getLong("CANCELLED")).isZero();
          assertThat(stats.getLong("revenueToday")).as("15% commission on the 10,000 XAF delivered").isEqualTo(1_500);
          assertThat(stats.getLong("ridersOnline")).as("rider A; rider B never went online").isEqualTo(1);
          assertThat(stats.getLong("deliveredCount")).isEqualTo(1);
          assertThat(stats.getDouble("averageDeliveryMinutes")).as("placed and delivered within this test").isBetween(0.0, 2.0);
          assertThat(stats.getJsonObject("pendingPayouts")).isEqualTo(new JsonObject().put("count", 1).put("amount", World.PAYOUT));
        });
        return placeOrder();
      })
      .compose(v -> p.ok(HttpMethod.GET, Role.ADMIN, "/api/v1/stats", admin, null))
      .compose(cached -> {
        ctx.verify(() -> assertThat(cached.getJsonObject("orders").getLong("total")).as("served from the 10 s cache").isEqualTo(2));
        return p.redis.del(List.of(CACHE_KEY));
      })
      .compose(v -> p.ok(HttpMethod.GET, Role.ADMIN, "/api/v1/stats", admin, null))
      .onComplete(ctx.succeeding(fresh -> ctx.verify(() -> {
        assertThat(fresh.getJsonObject("orders").getLong("total")).isEqualTo(3);
        assertThat(fresh.getJsonObject("orders").getJsonObject("byStatus").getLong("PENDING")).isEqualTo(1);
        ctx.completeNow();
      })));
  }

  /** Customer B orders from vendor A; nobody accepts it yet. */
  private static Future<JsonObject> placeOrder() {
    JsonObject body = new JsonObject().put("vendorId", w.id(Role.VENDOR, Slot.A)).put("paymentMethod", "CASH")
      .put("items", new JsonArray().add(new JsonObject().put("itemId", w.dishId).put("quantity", 1)))
      .put("deliveryAddress", new JsonObject().put("lat", Platform.CUSTOMER_LAT).put("lng", Platform.CUSTOMER_LNG)
        .put("line1", "Akwa").put("city", "Douala"));
    return w.p.ok(HttpMethod.POST, Role.USER, "/api/v1/orders", w.token(Role.USER, Slot.B), body);
  }
}
