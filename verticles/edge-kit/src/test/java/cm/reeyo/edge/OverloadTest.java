package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.bus.BusLimits;
import cm.reeyo.contracts.bus.BusServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Overload: an engine that falls behind makes the API answer 503 with Retry-After at once, not 500 later")
class OverloadTest {

  private static final int IN_FLIGHT = 4;
  private static final int QUEUED = 4;
  private static final long QUEUE_WAIT_MS = 300;

  @Test
  @DisplayName("40 requests at an engine that answers none: 4 reach it, 4 wait in line 300 ms, and all 36 others are"
    + " answered 503 UNAVAILABLE with Retry-After while the engine still holds its 4; then those 4 get 200")
  void overloadedEngineAnswers503Quickly(Vertx vertx, VertxTestContext test) {
    BusLimits.set(vertx, new BusLimits(IN_FLIGHT, QUEUED, QUEUE_WAIT_MS));
    List<Promise<JsonObject>> held = new CopyOnWriteArrayList<>();
    Future<Void> engine = BusServer.on(vertx).serveBody(OrderAddresses.CATALOG_MENU, body -> {
      Promise<JsonObject> answer = Promise.promise();
      held.add(answer);
      return answer.future();
    }).ready();
    BusClient bus = BusClient.of(vertx);
    Principal customer = new Principal("usr_1", Role.USER);
    Router router = EdgeRouter.create(vertx, new JsonObject(), new Readiness(), new OpenApiDoc("test-openapi.json"));
    router.get("/api/v1/menu").handler(rc -> bus.request(OrderAddresses.CATALOG_MENU,
        new JsonObject().put("vendorId", "vnd_1"), customer)
      .onSuccess(menu -> Responses.ok(rc, menu)).onFailure(rc::fail));
    JsonObject http = new JsonObject().put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1"));
    engine.compose(v -> EdgeRouter.listen(vertx, router, http)).compose(server -> {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort())
        .setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(64));
      Future<?> warmUp = client.get("/api/v1/menu").send();
      return until(vertx, () -> held.size() == 1).compose(t -> {
        releaseAll(held);
        return warmUp;
      }).compose(warm -> {
        List<Future<Timed>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          long sent = System.nanoTime();
          calls.add(client.get("/api/v1/menu").send().map(r -> new Timed(r, elapsedMs(sent))));
        }
        return until(vertx, () -> calls.stream().filter(Future::isComplete).count() == 40 - IN_FLIGHT).compose(t -> {
          test.verify(() -> {
            assertThat(calls.stream().filter(Future::isComplete).count()).as("answered while the engine holds its four")
              .isEqualTo(40 - IN_FLIGHT);
            assertThat(held).as("the engine got only what the line lets through").hasSize(IN_FLIGHT);
          });
          releaseAll(held);
          return Future.all(calls);
        }).map(all -> all.<Timed>list());
      });
    }).onComplete(test.succeeding(results -> test.verify(() -> {
      List<Timed> refused = results.stream().filter(t -> t.response().statusCode() == 503).toList();
      List<Timed> served = results.stream().filter(t -> t.response().statusCode() == 200).toList();
      assertThat(served).as("the requests the engine took").hasSize(IN_FLIGHT);
      assertThat(refused).as("everything else is refused").hasSize(40 - IN_FLIGHT);
      assertThat(refused).allSatisfy(t -> {
        assertThat(t.response().getHeader("Retry-After")).isEqualTo("1");
        JsonObject error = t.response().bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo(ErrorCode.UNAVAILABLE.name());
        assertThat(t.ms()).as("refused long before the 5 s deadline (HTTP connection set-up included)")
          .isLessThan(3_000);
      });
      test.completeNow();
    })));
  }

  private static void releaseAll(List<Promise<JsonObject>> held) {
    held.forEach(p -> p.complete(new JsonObject().put("vendorId", "vnd_1").put("items", new io.vertx.core.json.JsonArray())));
    held.clear();
  }

  /** Completes once {@code condition} holds (checked every 10 ms, at most 10 s). */
  private static Future<Void> until(Vertx vertx, java.util.function.BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long started = System.nanoTime();
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean() || elapsedMs(started) > 10_000) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
    });
    return done.future();
  }

  private record Timed(HttpResponse<Buffer> response, long ms) {
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }
}
