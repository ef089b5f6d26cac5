package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bus drain: a server taken out of service answers everything it already holds, then stops")
class BusDrainTest {

  private static final Principal USER = new Principal("usr_1", Role.USER);
  private static final int REQUESTS = 50;

  @AfterEach
  void forget() {
    Violations.drain();
  }

  /** An engine whose answers take 200 ms; drained in its stop(), as the engines are. */
  static final class SlowEngine extends VerticleBase {
    final AtomicInteger handled = new AtomicInteger();
    BusServer bus;

    @Override
    public Future<?> start() {
      bus = BusServer.on(vertx).serveBody(OrderAddresses.CATALOG_MENU, body -> vertx.timer(200).map(t -> {
        handled.incrementAndGet();
        return new JsonObject().put("vendorId", body.getString("vendorId")).put("items", new JsonArray());
      }));
      return bus.ready();
    }

    @Override
    public Future<?> stop() {
      return bus.drain();
    }
  }

  @Test
  @DisplayName("undeployed with 50 requests held or running: all 50 answered, the undeploy waits for them, later"
    + " requests find nobody (UNAVAILABLE at once)")
  void undeployAnswersHeldRequests(Vertx vertx, VertxTestContext test) {
    SlowEngine engine = new SlowEngine();
    BusClient bus = BusClient.of(vertx);
    vertx.deployVerticle(engine).compose(id -> {
      List<Future<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        calls.add(bus.request(OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", "vnd_" + i), USER));
      }
      long undeployAt = System.nanoTime();
      return vertx.undeploy(id).compose(v -> {
        long undeployMs = (System.nanoTime() - undeployAt) / 1_000_000;
        test.verify(() -> {
          assertThat(engine.handled.get()).as("every request answered before the engine stopped").isEqualTo(REQUESTS);
          assertThat(undeployMs).as("the drain waited for the running handlers").isGreaterThanOrEqualTo(200);
        });
        return Future.all(calls);
      }).compose(all -> bus.request(OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", "late"), USER)
        .<ErrorCode>map(x -> null).otherwise(ErrorCode::of)).map(late -> {
          test.verify(() -> assertThat(late).isEqualTo(ErrorCode.UNAVAILABLE));
          return late;
        });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("one of two instances drains while requests keep coming: none is lost, the other instance takes over")
  void rescaleDownLosesNothing(Vertx vertx, VertxTestContext test) {
    SlowEngine first = new SlowEngine();
    SlowEngine second = new SlowEngine();
    BusClient bus = BusClient.of(vertx);
    AtomicInteger failed = new AtomicInteger();
    List<Future<JsonObject>> calls = new ArrayList<>();
    vertx.deployVerticle(first).compose(a -> vertx.deployVerticle(second).compose(b -> {
      long periodic = vertx.setPeriodic(5, t -> calls.add(bus.request(OrderAddresses.CATALOG_MENU,
        new JsonObject().put("vendorId", "vnd"), USER).onFailure(e -> failed.incrementAndGet())));
      return vertx.timer(150).compose(t -> vertx.undeploy(a))
        .compose(v -> vertx.timer(150))
        .compose(v -> {
          vertx.cancelTimer(periodic);
          return Future.join(new ArrayList<>(calls));
        });
    })).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(calls).hasSizeGreaterThan(40);
      assertThat(failed.get()).as("requests lost while one instance drained").isZero();
      assertThat(first.handled.get() + second.handled.get()).isEqualTo(calls.size());
      assertThat(second.handled.get()).isPositive();
      test.completeNow();
    })));
  }
}
