package cm.reeyo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Follow-ups and leases in DynamoDB")
class FollowUpsAndLeaseTest {

  Dynamo dynamo;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    dynamo = Dynamo.acquire(vertx, TestConfig.fresh());
    new TableBootstrap(dynamo).ensure(List.of(CoreTables.FOLLOWUPS_TABLE, CoreTables.LEASES_TABLE))
      .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void tearDown(Vertx vertx) {
    Dynamo.release(vertx);
  }

  @Test
  @DisplayName("due answers only what is due, of its own domain; done removes it; later moves it out of the way")
  void dueDoneLater(VertxTestContext ctx) {
    FollowUps orders = new FollowUps(dynamo, "orders");
    FollowUps wallet = new FollowUps(dynamo, "wallet");
    long now = System.currentTimeMillis();
    Future.all(orders.schedule("SETTLE", "o1", now - 1000), orders.schedule("REFUND", "o2", now - 10),
        orders.schedule("SETTLE", "o3", now + 60_000), wallet.schedule("PAYOUT_CHECK", "p1", now - 1000))
      .compose(v -> orders.due(now, 25))
      .compose(due -> {
        ctx.verify(() -> assertThat(due).extracting(f -> f.getString("followUpId"))
          .containsExactlyInAnyOrder("SETTLE#o1", "REFUND#o2"));
        return orders.done("SETTLE", "o1").compose(v -> orders.later("REFUND", "o2", 1, now + 60_000, "wallet down", false));
      })
      .compose(v -> orders.due(now, 25))
      .compose(due -> {
        ctx.verify(() -> assertThat(due).isEmpty());
        return wallet.due(now, 25);
      })
      .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
        assertThat(due).extracting(f -> f.getString("followUpId")).containsExactly("PAYOUT_CHECK#p1");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("stuck pages through every domain and shard: each overdue follow-up exactly once; a forged cursor is refused")
  void stuckPaging(VertxTestContext ctx) {
    FollowUps orders = new FollowUps(dynamo, "orders");
    FollowUps wallet = new FollowUps(dynamo, "wallet");
    long now = System.currentTimeMillis();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      writes.add((i % 3 == 0 ? wallet : orders).schedule(i % 3 == 0 ? "PAYOUT_CHECK" : "SETTLE", "r" + i, now + i));
    }
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    Future.all(writes)
      .compose(v -> page(orders, now + 600_000, null, all))
      .compose(v -> orders.stuck(now, 0, 5, "eyJ4IjoxfQ").map(x -> false).recover(f -> Future.succeededFuture(true)))
      .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
        seen.addAll(all);
        assertThat(all).hasSize(23);
        assertThat(seen).hasSize(23);
        assertThat(refused).as("forged cursor refused").isTrue();
        ctx.completeNow();
      })));
  }

  private Future<Void> page(FollowUps f, long now, String cursor, List<String> into) {
    return f.stuck(now, 0, 5, cursor).compose(p -> {
      p.getJsonArray("items").forEach(i -> into.add(((JsonObject) i).getString("kind") + "#" + ((JsonObject) i).getString("ref")));
      String next = p.getString("nextCursor");
      return next == null ? Future.succeededFuture() : page(f, now, next, into);
    });
  }

  @Test
  @io.vertx.junit5.Timeout(value = 60, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
  @DisplayName("a lease has one holder; it renews; another takes it when it expires or is released")
  void lease(Vertx vertx, VertxTestContext ctx) {
    Lease a = new Lease(dynamo, "sweeper", "node-a", 5_000);
    Lease b = new Lease(dynamo, "sweeper", "node-b", 5_000);
    List<Boolean> got = new ArrayList<>();
    a.acquire().onSuccess(got::add)
      .compose(x -> b.acquire()).onSuccess(got::add)
      .compose(x -> a.acquire()).onSuccess(got::add)
      .compose(x -> sleep(vertx, 5_500))
      .compose(x -> b.acquire()).onSuccess(got::add)
      .compose(x -> a.acquire()).onSuccess(got::add)
      .compose(x -> b.release())
      .compose(x -> a.acquire()).onSuccess(got::add)
      .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
        assertThat(got).containsExactly(true, false, true, true, false, true);
        ctx.completeNow();
      })));
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    return Future.future(p -> vertx.setTimer(ms, t -> p.complete()));
  }
}
