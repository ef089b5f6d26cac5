package cm.reeyo.orderflow;

import cm.reeyo.contracts.ClientAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery code limit holds under a flood: each attempt is counted before it is compared. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, timeUnit = TimeUnit.SECONDS)
@DisplayName("Delivery codes: at most five are ever compared")
class DeliveryCodeTest {

  static final int CODES = 10_000;
  static final int CONCURRENCY = 100;
  static final int RIGHT_CODE_AT = 9_000;

  Platform p;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject()).onComplete(ctx.succeeding(platform -> {
      p = platform;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("10,000 codes (the right one late) with concurrency 100: 5 compared (stored counter), the rest 429 RATE_LIMITED (or a rare store timeout), not delivered; an admin can still cancel")
  void floodOfCodes(Vertx vertx, VertxTestContext ctx) {
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Future.all(p.customer(true, 0), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Mike", 4.0601, 9.7679), p.admin())
      .compose(all -> {
        JsonObject user = all.resultAt(0);
        JsonObject vendor = all.resultAt(1);
        JsonObject rider = all.resultAt(2);
        String admin = all.resultAt(3);
        Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
        return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"), Platform.placeBody(
            vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), "CASH"))
          .map(r -> r.bodyAsJsonObject())
          .compose(order -> {
            String id = order.getString("orderId");
            String path = "/api/v1/orders/" + id;
            String vt = vendor.getString("token");
            String rt = rider.getString("token");
            List<String> codes = codes(order.getString("deliveryCode"));
            return p.call(HttpMethod.POST, p.vendorPort, path + "/accept", vt, new JsonObject())
              .compose(r -> riderInbox.next("new_order", id))
              .compose(r -> p.call(HttpMethod.POST, p.riderPort, path + "/accept", rt, null))
              .compose(r -> p.call(HttpMethod.POST, p.vendorPort, path + "/preparing", vt, new JsonObject()))
              .compose(r -> p.call(HttpMethod.POST, p.vendorPort, path + "/ready", vt, new JsonObject()))
              .compose(r -> p.call(HttpMethod.POST, p.riderPort, path + "/pickup", rt, null))
              .compose(r -> flood(path + "/deliver", rt, codes, statuses))
              .compose(v -> p.call(HttpMethod.GET, p.adminPort, path, admin, null))
              .compose(stored -> {
                JsonObject o = stored.bodyAsJsonObject();
                ctx.verify(() -> {
                  assertThat(o.getString("status")).as("not delivered").isEqualTo("PICKED_UP");
                  assertThat(o.getLong("codeFailures")).as("codes compared").isEqualTo(5L);
                  assertThat(statuses.keySet()).as("never delivered: " + statuses).doesNotContain(200)
                    .allSatisfy(code -> assertThat(code).isIn(422, 429, 500));
                  assertThat(statuses.get(422).get()).as("answered 'wrong code'").isEqualTo(5);
                  assertThat(statuses.getOrDefault(500, new AtomicInteger()).get())
                    .as("store timeouts on a loaded machine, a handful at most").isLessThan(CODES / 100);
                });
                System.out.printf("delivery codes: %d sent with concurrency %d, compared %d, statuses %s%n",
                  CODES, CONCURRENCY, o.getLong("codeFailures"), statuses);
                return p.call(HttpMethod.POST, p.riderPort, path + "/deliver", rt,
                  new JsonObject().put("code", order.getString("deliveryCode")));
              })
              .compose(right -> {
                ctx.verify(() -> {
                  assertThat(right.statusCode()).as("even the right code, once locked").isEqualTo(429);
                  assertThat(right.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("RATE_LIMITED");
                });
                return p.call(HttpMethod.POST, p.adminPort, path + "/cancel", admin, new JsonObject().put("reason", "code locked"));
              });
          });
      })
      .onComplete(ctx.succeeding(cancel -> ctx.verify(() -> {
        assertThat(cancel.bodyAsJsonObject().getString("status")).as("an admin takes over").isEqualTo("CANCELLED");
        ctx.completeNow();
      })));
  }

  /** Every 4-digit code but the right one, with the right one placed late. */
  private static List<String> codes(String right) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < CODES; i++) {
      String c = String.format("%04d", i);
      if (!c.equals(right)) {
        codes.add(c);
      }
    }
    codes.add(RIGHT_CODE_AT, right);
    return codes;
  }

  /** {@value #CONCURRENCY} requests in flight at once, each on its own pooled connection. */
  private Future<Void> flood(String path, String token, List<String> codes, Map<Integer, AtomicInteger> statuses) {
    WebClient web = WebClient.create(p.vertx, new WebClientOptions().setDefaultHost("127.0.0.1"),
      new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      Promise<Void> done = Promise.promise();
      worker(web, path, token, codes, next, statuses, done);
      workers.add(done.future());
    }
    return Future.all(workers).<Void>mapEmpty().andThen(r -> web.close());
  }

  private void worker(WebClient web, String path, String token, List<String> codes, AtomicInteger next, Map<Integer, AtomicInteger> statuses,
                      Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= codes.size()) {
      done.complete();
      return;
    }
    web.post(p.riderPort, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token)
      .sendJsonObject(new JsonObject().put("code", codes.get(i)))
      .onSuccess(r -> statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet())
      .onComplete(r -> {
        if (r.failed()) {
          done.fail(r.cause());
        } else {
          worker(web, path, token, codes, next, statuses, done);
        }
      });
  }
}
