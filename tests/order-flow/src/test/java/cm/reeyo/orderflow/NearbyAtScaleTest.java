package cm.reeyo.orderflow;

import cm.reeyo.storage.geo.VendorIndexKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nearby vendors among 10,000 approved ones written straight into the vendors table (the index hears of them only
 * through its rebuild): the vendor at the customer's door comes first, the pages of a walk hold every vendor within the
 * radius exactly once (checked against a brute-force recomputation), and after FLUSHALL the next answer is the same.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
@DisplayName("Nearby vendors among 10,000: nearest first, exact paging, exact after FLUSHALL")
class NearbyAtScaleTest {

  static final double LAT = 4.0511;
  static final double LNG = 9.7679;
  static final String DOOR = "vendor_at_the_door";

  static Platform p;
  static String user;
  static VendorSeed seed = new VendorSeed();

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return p.customer(true, 0);
      })
      .compose(u -> {
        user = u.getString("token");
        return seed.write(p.dynamo, 10_000, LAT, LNG, 0.1, 7);
      })
      .compose(v -> seed.writeOne(p.dynamo, DOOR, LAT, LNG))
      .compose(v -> p.redis.del(List.of(VendorIndexKeys.of(p.dynamo).ready)))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("the vendor at the query point, approved last, is first among 10,000")
  void atTheDoorFirst(VertxTestContext ctx) {
    Checkpoint first = ctx.checkpoint();
    nearby("lat=" + LAT + "&lng=" + LNG + "&radiusKm=5&limit=20").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
      assertThat(items).hasSize(20);
      assertThat(items.getJsonObject(0).getString("vendorId")).isEqualTo(DOOR);
      assertThat(items.getJsonObject(0).getDouble("distance")).isEqualTo(0.0);
      first.flag();
    })));
  }

  @Test
  @DisplayName("paging returns every vendor within the radius exactly once, open-and-online first, then by distance")
  void pagingIsExact(VertxTestContext ctx) {
    Checkpoint everyOnce = ctx.checkpoint();
    Checkpoint filteredEveryOnce = ctx.checkpoint();
    Checkpoint ordered = ctx.checkpoint();
    String q = "lat=" + LAT + "&lng=" + LNG + "&radiusKm=2&limit=37";
    walk(q, null, new ArrayList<>()).compose(all -> {
      ctx.verify(() -> {
        assertExact(all, seed.expected(LAT, LNG, 2, null).stream().map(VendorSeed.Seeded::vendorId).toList(), 2);
        everyOnce.flag();
        assertOrdered(all);
        ordered.flag();
      });
      return walk(q + "&cuisine=cameroonian&openNow=true", null, new ArrayList<>());
    }).onComplete(ctx.succeeding(filtered -> ctx.verify(() -> {
      assertExact(filtered, seed.expected(LAT, LNG, 2, "Cameroonian").stream().filter(VendorSeed.Seeded::openAndOnline)
        .map(VendorSeed.Seeded::vendorId).toList(), 2);
      filteredEveryOnce.flag();
    })));
  }

  @Test
  @DisplayName("a forged cursor, or one of another question, is refused with 400")
  void foreignCursorRefused(VertxTestContext ctx) {
    Checkpoint forged = ctx.checkpoint();
    Checkpoint foreign = ctx.checkpoint();
    String q = "lat=" + LAT + "&lng=" + LNG + "&radiusKm=2&limit=5";
    nearby(q).compose(r -> {
      String cursor = r.bodyAsJsonObject().getString("nextCursor");
      return raw(q.replace("radiusKm=2", "radiusKm=3") + "&cursor=" + cursor)
        .compose(other -> raw(q + "&cursor=eyJnIjowfQ").map(bad -> List.of(other, bad)));
    }).onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
      assertThat(answers.get(0).statusCode()).isEqualTo(400);
      foreign.flag();
      assertThat(answers.get(1).statusCode()).isEqualTo(400);
      forged.flag();
    })));
  }

  @Test
  @DisplayName("after FLUSHALL the next answer is the same exact answer, and the index is whole again")
  void exactAfterFlushAll(VertxTestContext ctx) {
    Checkpoint sameFirstPage = ctx.checkpoint();
    Checkpoint exactWalk = ctx.checkpoint();
    Checkpoint markerBack = ctx.checkpoint();
    String q = "lat=" + LAT + "&lng=" + LNG + "&radiusKm=3&limit=100";
    nearby(q).compose(before -> p.redis.flushall(List.of())
        .compose(v -> nearby(q))
        .map(after -> {
          ctx.verify(() -> assertThat(NearbyVendorsTest.idsOf(after.bodyAsJsonObject().getJsonArray("items")))
            .isEqualTo(NearbyVendorsTest.idsOf(before.bodyAsJsonObject().getJsonArray("items"))));
          sameFirstPage.flag();
          return after;
        }))
      .compose(v -> walk(q, null, new ArrayList<>()))
      .compose(all -> {
        ctx.verify(() -> assertExact(all, seed.expected(LAT, LNG, 3, null).stream().map(VendorSeed.Seeded::vendorId).toList(), 3));
        exactWalk.flag();
        return p.redis.exists(List.of(VendorIndexKeys.of(p.dynamo).ready));
      })
      .onComplete(ctx.succeeding(marker -> ctx.verify(() -> {
        assertThat(marker.toInteger()).isEqualTo(1);
        markerBack.flag();
      })));
  }

  /** Exactly the expected vendors, each once; vendors within 2 m of the edge may be either side. */
  private static void assertExact(List<JsonObject> got, List<String> expected, double radiusKm) {
    List<String> ids = got.stream().map(v -> v.getString("vendorId")).toList();
    assertThat(new HashSet<>(ids)).as("no vendor twice").hasSameSizeAs(ids);
    Set<String> extra = new HashSet<>(ids);
    expected.forEach(extra::remove);
    extra.removeAll(seed.onTheEdge(LAT, LNG, radiusKm));
    assertThat(ids).as("every vendor within the radius").containsAll(expected);
    assertThat(extra).as("nobody outside the radius").isEmpty();
  }

  private static void assertOrdered(List<JsonObject> all) {
    for (int i = 1; i < all.size(); i++) {
      JsonObject a = all.get(i - 1);
      JsonObject b = all.get(i);
      boolean aFirst = a.getBoolean("isOpen") && a.getBoolean("isOnline");
      boolean bFirst = b.getBoolean("isOpen") && b.getBoolean("isOnline");
      assertThat(aFirst || !bFirst).as("open and online vendors come first").isTrue();
      if (aFirst == bFirst) {
        assertThat(b.getDouble("distance")).as("nearest first").isGreaterThanOrEqualTo(a.getDouble("distance"));
      }
    }
  }

  private static Future<List<JsonObject>> walk(String query, String cursor, List<JsonObject> acc) {
    return nearby(query + (cursor == null ? "" : "&cursor=" + cursor)).compose(r -> {
      JsonObject page = r.bodyAsJsonObject();
      page.getJsonArray("items").forEach(o -> acc.add((JsonObject) o));
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture(acc) : walk(query, next, acc);
    });
  }

  private static Future<HttpResponse<Buffer>> nearby(String query) {
    return raw(query).compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r)
      : Future.failedFuture("nearby answered " + r.statusCode() + ": " + r.bodyAsString()));
  }

  private static Future<HttpResponse<Buffer>> raw(String query) {
    return p.call(HttpMethod.GET, p.userPort, "/api/v1/vendors?" + query, user, null);
  }
}
