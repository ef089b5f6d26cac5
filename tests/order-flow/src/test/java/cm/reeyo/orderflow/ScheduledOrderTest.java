package cm.reeyo.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.orders.BusinessHours;
import cm.reeyo.orders.OrderEngineVerticle;
import io.vertx.core.DeploymentOptions;
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
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled orders over the real APIs: the window is checked (30 minutes ahead, the vendor's hours), the vendor sees
 * the order at once with its window, and dispatch starts at the order's {@code dispatchAt} from the DISPATCH follow-up
 * written with the vendor's accept, even when the order engine is undeployed and deployed again meanwhile. Dispatch
 * starts 30 minutes before the window here (so a window 30 min + 20 s ahead is offered 20 s after placement); the
 * recovery sweeper runs every 200 ms.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Scheduled orders: window checks, the vendor sees them at once, dispatch at its time across an engine restart")
class ScheduledOrderTest {

  static final long LEAD_MS = 30 * 60_000L;
  static final JsonObject CONFIG = RecoveryTest.FAST.copy()
    .put("scheduling", new JsonObject().put("dispatchLeadMs", LEAD_MS));

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, CONFIG)
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 50_000), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Mike", 4.0601, 9.7679));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
        ctx.completeNow();
      }));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("bad windows are refused in the error shape: not a time 400, past / 20 min ahead / 8 days ahead 422, outside the hours 422 VENDOR_CLOSED; inside them 201")
  void windowChecks(VertxTestContext ctx) {
    Checkpoint malformed = ctx.checkpoint();
    Checkpoint badLength = ctx.checkpoint();
    Checkpoint past = ctx.checkpoint();
    Checkpoint tooSoon = ctx.checkpoint();
    Checkpoint tooFar = ctx.checkpoint();
    Checkpoint closed = ctx.checkpoint();
    Checkpoint placed = ctx.checkpoint();
    Instant now = Instant.now();
    ZonedDateTime tomorrow = now.atZone(BusinessHours.ZONE).plusDays(1).truncatedTo(ChronoUnit.DAYS);
    String tomorrowNoon = tomorrow.with(LocalTime.NOON).toInstant().toString();
    String tomorrowThree = tomorrow.withHour(3).toInstant().toString();
    JsonObject hours = new JsonObject();
    for (String day : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      hours.put(day, new JsonArray().add(new JsonObject().put("open", "03:00").put("close", "03:30")));
    }
    expect(place("tomorrow at noon", null), 400, "VALIDATION_FAILED", malformed, ctx)
      .compose(v -> expect(place(tomorrowNoon, 5), 400, "VALIDATION_FAILED", badLength, ctx))
      .compose(v -> expect(place(now.minusSeconds(600).truncatedTo(ChronoUnit.SECONDS).toString(), null), 422,
        "UNPROCESSABLE", past, ctx))
      .compose(v -> expect(place(now.plusSeconds(20 * 60).truncatedTo(ChronoUnit.SECONDS).toString(), null), 422,
        "UNPROCESSABLE", tooSoon, ctx))
      .compose(v -> expect(place(now.plus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(), null), 422,
        "UNPROCESSABLE", tooFar, ctx))
      .compose(v -> p.call(HttpMethod.PATCH, p.vendorPort, "/api/v1/profile", vendor.getString("token"),
        new JsonObject().put("businessHours", hours)))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return expect(place(tomorrowNoon, null), 422, "VENDOR_CLOSED", closed, ctx);
      })
      .compose(v -> place(tomorrowThree, 15))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        JsonObject order = r.bodyAsJsonObject();
        assertThat(Instant.parse(order.getString("scheduledFor"))).isEqualTo(Instant.parse(tomorrowThree));
        assertThat(Instant.parse(order.getString("scheduledUntil"))).isEqualTo(Instant.parse(tomorrowThree).plusSeconds(900));
        placed.flag();
      })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the vendor sees a scheduled order at once; accepted, it is not offered before dispatchAt; the engine is redeployed meanwhile; it is offered at its time and a rider takes it")
  void dispatchedAtItsTimeAcrossARestart(Vertx vertx, VertxTestContext ctx) {
    Checkpoint vendorSees = ctx.checkpoint();
    Checkpoint dueRecorded = ctx.checkpoint();
    Checkpoint notBefore = ctx.checkpoint();
    Checkpoint taken = ctx.checkpoint();
    Inbox vendorInbox = Inbox.listen(vertx, ClientAddresses.vendor(vendor.getString("vendorId")));
    Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
    Instant window = Instant.now().plusMillis(LEAD_MS + 20_000).truncatedTo(ChronoUnit.SECONDS);
    JsonObject s = new JsonObject();
    place(window.toString(), null)
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201));
        s.put("orderId", r.bodyAsJsonObject().getString("orderId"));
        s.put("dispatchAt", r.bodyAsJsonObject().getString("dispatchAt"));
        return vendorInbox.next("new_order", s.getString("orderId"));
      })
      .compose(event -> {
        ctx.verify(() -> assertThat(Instant.parse(event.getJsonObject("data").getString("scheduledFor"))).isEqualTo(window));
        return p.call(HttpMethod.GET, p.vendorPort, "/api/v1/orders", vendor.getString("token"), null);
      })
      .compose(list -> {
        ctx.verify(() -> {
          JsonObject listed = list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
          assertThat(listed.getString("orderId")).isEqualTo(s.getString("orderId"));
          assertThat(Instant.parse(listed.getString("scheduledFor"))).isEqualTo(window);
        });
        vendorSees.flag();
        return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + s.getString("orderId") + "/accept",
          vendor.getString("token"), new JsonObject());
      })
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return Stored.followUp(p, "DISPATCH", s.getString("orderId"));
      })
      .compose(followUp -> {
        ctx.verify(() -> assertThat(followUp.getLong("due")).isEqualTo(Instant.parse(s.getString("dispatchAt")).toEpochMilli()));
        dueRecorded.flag();
        return vertx.undeploy(p.orderEngineDeployment);
      })
      .compose(v -> vertx.deployVerticle(new OrderEngineVerticle(), new DeploymentOptions().setConfig(p.config)))
      .compose(id -> {
        p.orderEngineDeployment = id;
        return p.call(HttpMethod.GET, p.riderPort, "/api/v1/offers", rider.getString("token"), null);
      })
      .compose(offers -> {
        if (Instant.now().isBefore(Instant.parse(s.getString("dispatchAt")).minusSeconds(1))) {
          ctx.verify(() -> assertThat(offers.bodyAsJsonObject().getJsonArray("items")).as("offered before its time").isEmpty());
        }
        return riderInbox.next("new_order", s.getString("orderId"));
      })
      .compose(offer -> {
        ctx.verify(() -> {
          assertThat(Instant.parse(offer.getString("at"))).as("sent at").isAfterOrEqualTo(Instant.parse(s.getString("dispatchAt")));
          assertThat(riderInbox.envelopes.stream().filter(e -> "new_order".equals(e.getString("event"))).count())
            .as("one offer").isEqualTo(1);
        });
        notBefore.flag();
        return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + s.getString("orderId") + "/accept",
          rider.getString("token"), null);
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("riderId")).isEqualTo(rider.getString("riderId"));
        taken.flag();
      })));
  }

  private Future<HttpResponse<Buffer>> place(String scheduledFor, Integer windowMinutes) {
    JsonObject body = Platform.placeBody(vendor.getString("vendorId"),
      Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), "CASH").put("scheduledFor", scheduledFor);
    if (windowMinutes != null) {
      body.put("windowMinutes", windowMinutes);
    }
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), body);
  }

  private static Future<Void> expect(Future<HttpResponse<Buffer>> call, int status, String code, Checkpoint cp,
                                     VertxTestContext ctx) {
    return call.map(r -> {
      ctx.verify(() -> {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
      });
      cp.flag();
      return null;
    });
  }
}
