package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
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
import static org.assertj.core.api.Assertions.within;

/**
 * Nearby vendors over the real APIs follow every change that matters at once: an admin's approval, the vendor going
 * offline, suspension and rejection, a location edit; a cached menu is served as stored and dropped on suspension.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("Nearby vendors follow approval, online status, suspension, rejection and location edits")
class NearbyVendorsTest {

  static final double LAT = 3.8480;
  static final double LNG = 11.5021;

  Platform p;
  String user;
  String admin;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 0), p.admin());
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.<JsonObject>resultAt(0).getString("token");
        admin = all.resultAt(1);
        ctx.completeNow();
      }));
  }

  @Test
  @DisplayName("an approved vendor is listed within 1 s of the admin's approval")
  void approvalShowsWithinOneSecond(VertxTestContext ctx) {
    Checkpoint absentBefore = ctx.checkpoint();
    Checkpoint approved = ctx.checkpoint();
    Checkpoint visibleInTime = ctx.checkpoint();
    p.accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Pending place")
        .put("location", new JsonObject().put("lat", LAT + 0.001).put("lng", LNG)))
      .compose(v -> ids().map(before -> {
        ctx.verify(() -> assertThat(before).doesNotContain(v.getString("vendorId")));
        absentBefore.flag();
        return v.getString("vendorId");
      }))
      .compose(id -> p.call(HttpMethod.POST, p.adminPort, "/api/v1/vendors/" + id + "/approve", admin, new JsonObject())
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).isEqualTo(200));
          approved.flag();
          long t0 = System.nanoTime();
          return until(id, true, t0 + 1_000_000_000L).map(found -> (System.nanoTime() - t0) / 1_000_000);
        }))
      .onComplete(ctx.succeeding(ms -> ctx.verify(() -> {
        assertThat(ms).isLessThan(1000);
        visibleInTime.flag();
      })));
  }

  @Test
  @DisplayName("a vendor going offline falls behind the open and online ones, however near it is")
  void offlineFallsBehind(VertxTestContext ctx) {
    Checkpoint nearestFirst = ctx.checkpoint();
    Checkpoint offlineLast = ctx.checkpoint();
    Future.all(vendor(LAT + 0.001), vendor(LAT + 0.02))
      .compose(all -> {
        JsonObject near = all.resultAt(0);
        JsonObject far = all.resultAt(1);
        return items().compose(before -> {
          ctx.verify(() -> assertThat(idsOf(before)).containsExactly(near.getString("vendorId"), far.getString("vendorId")));
          nearestFirst.flag();
          return p.call(HttpMethod.PUT, p.vendorPort, "/api/v1/status", near.getString("token"), new JsonObject().put("isOnline", false));
        }).compose(r -> items()).map(after -> {
          ctx.verify(() -> {
            assertThat(idsOf(after)).containsExactly(far.getString("vendorId"), near.getString("vendorId"));
            assertThat(after.getJsonObject(1).getBoolean("isOnline")).isFalse();
          });
          return after;
        });
      })
      .onComplete(ctx.succeeding(x -> offlineLast.flag()));
  }

  @Test
  @DisplayName("a suspended or rejected vendor is gone from the list; reactivated, it is back")
  void suspendedAndRejectedAreGone(VertxTestContext ctx) {
    Checkpoint allThree = ctx.checkpoint();
    Checkpoint gone = ctx.checkpoint();
    Checkpoint back = ctx.checkpoint();
    Future.all(vendor(LAT + 0.001), vendor(LAT + 0.002), vendor(LAT + 0.003))
      .compose(all -> {
        String a = all.<JsonObject>resultAt(0).getString("vendorId");
        String b = all.<JsonObject>resultAt(1).getString("vendorId");
        String c = all.<JsonObject>resultAt(2).getString("vendorId");
        return ids().compose(before -> {
          ctx.verify(() -> assertThat(before).containsExactly(a, b, c));
          allThree.flag();
          return p.call(HttpMethod.POST, p.adminPort, "/api/v1/vendors/" + a + "/suspend", admin, new JsonObject())
            .compose(r -> p.call(HttpMethod.POST, p.adminPort, "/api/v1/vendors/" + b + "/reject", admin,
              new JsonObject().put("reason", "Papers expired")));
        }).compose(r -> ids()).compose(after -> {
          ctx.verify(() -> assertThat(after).containsExactly(c));
          gone.flag();
          return p.call(HttpMethod.POST, p.adminPort, "/api/v1/vendors/" + a + "/reactivate", admin, new JsonObject());
        }).compose(r -> ids()).map(again -> {
          ctx.verify(() -> assertThat(again).containsExactly(c, a));
          return again;
        });
      })
      .onComplete(ctx.succeeding(x -> back.flag()));
  }

  @Test
  @DisplayName("a vendor's location edit gives its new distance at once")
  void locationEditMovesTheVendor(VertxTestContext ctx) {
    Checkpoint oldDistance = ctx.checkpoint();
    Checkpoint newDistance = ctx.checkpoint();
    vendor(LAT + 0.01).compose(v -> items().compose(before -> {
        ctx.verify(() -> assertThat(before.getJsonObject(0).getDouble("distance")).isCloseTo(1.11, within(0.01)));
        oldDistance.flag();
        return p.call(HttpMethod.PATCH, p.vendorPort, "/api/v1/profile", v.getString("token"),
          new JsonObject().put("location", new JsonObject().put("lat", LAT + 0.03).put("lng", LNG)));
      }))
      .compose(r -> items())
      .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
        assertThat(after.getJsonObject(0).getDouble("distance")).isCloseTo(3.34, within(0.01));
        newDistance.flag();
      })));
  }

  @Test
  @DisplayName("a cached menu is served as the stored bytes, and a suspension drops it (404 after)")
  void cachedMenuPassThrough(VertxTestContext ctx) {
    Checkpoint sameBytes = ctx.checkpoint();
    Checkpoint goneAfterSuspension = ctx.checkpoint();
    p.vendor(Map.of("Ndolé", 3500L)).compose(v -> {
      String path = "/api/v1/vendors/" + v.getString("vendorId") + "/menu";
      return p.call(HttpMethod.GET, p.userPort, path, user, null)
        .compose(first -> p.redis.get(RedisKeys.menu(v.getString("vendorId"))).compose(cached ->
          p.call(HttpMethod.GET, p.userPort, path, user, null).map(second -> {
            ctx.verify(() -> {
              assertThat(first.statusCode()).isEqualTo(200);
              assertThat(first.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
              assertThat(second.bodyAsString()).isEqualTo(cached.toString());
              assertThat(second.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
            });
            sameBytes.flag();
            return second;
          })))
        .compose(x -> p.call(HttpMethod.POST, p.adminPort, "/api/v1/vendors/" + v.getString("vendorId") + "/suspend",
          admin, new JsonObject()))
        .compose(x -> p.call(HttpMethod.GET, p.userPort, path, user, null));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(404);
      goneAfterSuspension.flag();
    })));
  }

  /** An approved vendor put online through the vendor API at (lat, LNG): {@code {vendorId, token}}. */
  private Future<JsonObject> vendor(double lat) {
    return p.accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Place " + lat)
        .put("approvalStatus", "APPROVED").put("location", new JsonObject().put("lat", lat).put("lng", LNG)))
      .compose(v -> {
        String token = p.token(v.getString("vendorId"), Role.VENDOR);
        return p.call(HttpMethod.PUT, p.vendorPort, "/api/v1/status", token, new JsonObject().put("isOnline", true))
          .map(r -> new JsonObject().put("vendorId", v.getString("vendorId")).put("token", token));
      });
  }

  private Future<JsonArray> items() {
    return p.call(HttpMethod.GET, p.userPort, "/api/v1/vendors?lat=" + LAT + "&lng=" + LNG + "&radiusKm=5", user, null)
      .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject().getJsonArray("items"))
        : Future.failedFuture("nearby answered " + r.statusCode() + ": " + r.bodyAsString()));
  }

  private Future<List<String>> ids() {
    return items().map(NearbyVendorsTest::idsOf);
  }

  static List<String> idsOf(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("vendorId")).toList();
  }

  /** Asks until {@code id} is (or is not) listed, or the deadline passes. */
  private Future<Boolean> until(String id, boolean listed, long deadlineNanos) {
    return ids().compose(now -> {
      if (now.contains(id) == listed) {
        return Future.succeededFuture(true);
      }
      if (System.nanoTime() > deadlineNanos) {
        return Future.failedFuture(id + (listed ? " not listed" : " still listed") + " in time");
      }
      Promise<Void> later = Promise.promise();
      p.vertx.setTimer(50, t -> later.complete());
      return later.future().compose(v -> until(id, listed, deadlineNanos));
    });
  }
}
