package cm.reeyo.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.wallet.WalletEngineVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Transactions;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Work left half done is re-driven from DynamoDB: the cache lost after a vendor accepted (FLUSHALL), the wallet
 * engine gone when an order is delivered or cancelled. The recovery sweeper runs every 200 ms here and a follow-up
 * falls due 300 ms after its step.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Recovery: follow-ups in DynamoDB survive a lost cache and a dead wallet engine")
class RecoveryTest {

  static final JsonObject FAST = new JsonObject()
    .put("dispatch", new JsonObject().put("offerTimeoutMs", 2_000).put("scanIntervalMs", 100))
    .put("recovery", new JsonObject().put("intervalMs", 200).put("graceMs", 300).put("dispatchRecheckMs", 300)
      .put("leaseMs", 2_000));

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, FAST)
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
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Redis flushed after the vendor accepted: the order is offered again and the rider can take it")
  void dispatchSurvivesFlush(Vertx vertx, VertxTestContext ctx) {
    var offered = ctx.checkpoint();
    var taken = ctx.checkpoint();
    Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
    place("CASH")
      .compose(orderId -> vendorStep(orderId, "accept").map(orderId))
      .compose(orderId -> riderInbox.next("new_order", orderId).map(orderId))
      .compose(orderId -> p.redis.flushall(List.of()).map(orderId))
      .map(orderId -> {
        riderInbox.forget();
        return orderId;
      })
      .compose(orderId -> p.call(HttpMethod.PUT, p.riderPort, "/api/v1/status", rider.getString("token"),
            new JsonObject().put("isOnline", true).put("lat", 4.0601).put("lng", 9.7679))
        .compose(r -> riderInbox.next("new_order", orderId))
        .compose(offer -> {
          offered.flag();
          return acceptOffered(riderInbox, orderId, 3);
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("riderId")).isEqualTo(rider.getString("riderId"));
          });
          return eventually(vertx, () -> followUp("DISPATCH", orderId).map(f -> f == null));
        }))
      .onComplete(ctx.succeeding(v -> taken.flag()));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Redis flushed after placement and again after the rider accepted: the order is offered, delivered and settled exactly once")
  void flowSurvivesFlushesAtEachStep(Vertx vertx, VertxTestContext ctx) {
    var taken = ctx.checkpoint();
    var settled = ctx.checkpoint();
    Inbox riderInbox = Inbox.listen(vertx, ClientAddresses.rider(rider.getString("riderId")));
    String rt = rider.getString("token");
    JsonObject s = new JsonObject();
    place("WALLET")
      .compose(orderId -> {
        s.put("orderId", orderId).put("path", "/api/v1/orders/" + orderId);
        return p.redis.flushall(List.of());
      })
      .compose(v -> p.call(HttpMethod.PUT, p.riderPort, "/api/v1/status", rt,
        new JsonObject().put("isOnline", true).put("lat", 4.0601).put("lng", 9.7679)))
      .compose(r -> vendorStep(s.getString("orderId"), "accept"))
      .compose(v -> riderInbox.next("new_order", s.getString("orderId")))
      .compose(offer -> p.call(HttpMethod.POST, p.riderPort, s.getString("path") + "/accept", rt, null))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        taken.flag();
        return p.redis.flushall(List.of());
      })
      .compose(v -> vendorStep(s.getString("orderId"), "preparing"))
      .compose(v -> vendorStep(s.getString("orderId"), "ready"))
      .compose(v -> p.call(HttpMethod.POST, p.riderPort, s.getString("path") + "/pickup", rt, null))
      .compose(r -> p.call(HttpMethod.POST, p.riderPort, s.getString("path") + "/deliver", rt,
        new JsonObject().put("code", codes.getString(s.getString("orderId")))))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return eventually(vertx, () -> order(s.getString("orderId")).map(o -> "SETTLED".equals(o.getString("paymentStatus"))));
      })
      .compose(v -> Future.all(List.of(p.balance(user.getString("userId"), Role.USER),
        p.balance(vendor.getString("vendorId"), Role.VENDOR), p.balance(rider.getString("riderId"), Role.RIDER),
        p.wallets.escrow(), p.wallets.reconcile(), p.redis.flushall(List.of())
          .compose(flushed -> p.call(HttpMethod.GET, p.riderPort, "/api/v1/leaderboard", rt, null)))))
      .onComplete(ctx.succeeding(b -> ctx.verify(() -> {
        assertThat((Long) b.resultAt(0)).isEqualTo(43_000);
        assertThat((Long) b.resultAt(1)).isEqualTo(4_250);
        assertThat((Long) b.resultAt(2)).isEqualTo(2_000);
        assertThat((Long) b.resultAt(3)).isZero();
        assertThat(((JsonObject) b.resultAt(4)).getBoolean("ok")).as(b.resultAt(4).toString()).isTrue();
        assertThat(((HttpResponse<?>) b.resultAt(5)).bodyAsJsonObject().getJsonArray("items")).as("leaderboard after a flush")
          .containsExactly(new JsonObject().put("riderId", rider.getString("riderId")).put("earnings", 2000L));
        settled.flag();
      })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the wallet engine is gone when the order is delivered: delivery answers 200, the sweeper settles it exactly once when the wallet is back")
  void settlementSurvivesWalletOutage(Vertx vertx, VertxTestContext ctx) {
    JsonObject s = new JsonObject();
    place("WALLET")
      .compose(orderId -> {
        s.put("orderId", orderId).put("code", codes.getString(orderId));
        return p.runToPickup(orderId, vendor, rider);
      })
      .compose(v -> vertx.undeploy(p.walletDeployment))
      .compose(v -> p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + s.getString("orderId") + "/deliver",
        rider.getString("token"), new JsonObject().put("code", s.getString("code"))))
      .compose(r -> {
        ctx.verify(() -> {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
          assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("DELIVERED");
        });
        return followUp("SETTLE", s.getString("orderId"));
      })
      .compose(f -> {
        ctx.verify(() -> assertThat(f).as("the settlement is owed, durably").isNotNull());
        return p.admin().compose(admin -> p.call(HttpMethod.GET, p.adminPort, "/api/v1/ops/stuck?olderThanSeconds=0&limit=100",
            admin, null)
          .compose(r -> {
            ctx.verify(() -> {
              assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
              assertThat(r.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(i -> s.getString("orderId").equals(i.getString("ref")))
                .map(i -> i.getString("kind"))).as("operators see it").contains("SETTLE");
            });
            return p.call(HttpMethod.GET, p.adminPort, "/api/v1/ops/stuck?cursor=eyJ4IjoxfQ", admin, null);
          }));
      })
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as("forged cursor").isEqualTo(400));
        return vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(p.config));
      })
      .compose(id -> eventually(vertx, () -> followUp("SETTLE", s.getString("orderId")).map(f -> f == null)))
      .compose(v -> Future.all(List.of(p.balance(user.getString("userId"), Role.USER),
        p.balance(vendor.getString("vendorId"), Role.VENDOR), p.balance(rider.getString("riderId"), Role.RIDER),
        p.wallets.escrow(), p.wallets.reconcile(), order(s.getString("orderId")))))
      .onComplete(ctx.succeeding(b -> ctx.verify(() -> {
        assertThat((Long) b.resultAt(0)).as("customer: 50,000 − 7,000").isEqualTo(43_000);
        assertThat((Long) b.resultAt(1)).as("vendor: 5,000 − 15 %, once").isEqualTo(4_250);
        assertThat((Long) b.resultAt(2)).as("rider: the 2,000 fee, once").isEqualTo(2_000);
        assertThat((Long) b.resultAt(3)).as("escrow emptied").isZero();
        assertThat(((JsonObject) b.resultAt(4)).getBoolean("ok")).as(b.resultAt(4).toString()).isTrue();
        assertThat(((JsonObject) b.resultAt(5)).getString("paymentStatus")).isEqualTo("SETTLED");
        ctx.completeNow();
      })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the wallet engine is gone when a paid order is cancelled: the sweeper refunds it exactly once when the wallet is back")
  void refundSurvivesWalletOutage(Vertx vertx, VertxTestContext ctx) {
    JsonObject s = new JsonObject();
    place("WALLET")
      .compose(orderId -> {
        s.put("orderId", orderId);
        return vertx.undeploy(p.walletDeployment);
      })
      .compose(v -> p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + s.getString("orderId") + "/cancel",
        user.getString("token"), new JsonObject().put("reason", "Changed my mind")))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return followUp("REFUND", s.getString("orderId"));
      })
      .compose(f -> {
        ctx.verify(() -> assertThat(f).as("the refund is owed, durably").isNotNull());
        return vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(p.config));
      })
      .compose(id -> eventually(vertx, () -> followUp("REFUND", s.getString("orderId")).map(f -> f == null)))
      .compose(v -> Future.all(List.of(p.balance(user.getString("userId"), Role.USER), p.wallets.escrow(),
        p.wallets.reconcile(), order(s.getString("orderId")))))
      .onComplete(ctx.succeeding(b -> ctx.verify(() -> {
        assertThat((Long) b.resultAt(0)).as("customer refunded once").isEqualTo(50_000);
        assertThat((Long) b.resultAt(1)).as("escrow emptied").isZero();
        assertThat(((JsonObject) b.resultAt(2)).getBoolean("ok")).as(b.resultAt(2).toString()).isTrue();
        assertThat(((JsonObject) b.resultAt(3)).getString("paymentStatus")).isEqualTo("REFUNDED");
        ctx.completeNow();
      })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a placement's node died between taking the last items and creating the order: the sweeper gives them back; a placement that made its order leaves no hold follow-up")
  void orphanHoldGivenBack(Vertx vertx, VertxTestContext ctx) {
    String itemId = vendor.getJsonObject("items").getString("Ndolé");
    String vendorId = vendor.getString("vendorId");
    String dead = "order_" + java.util.UUID.randomUUID().toString().replace("-", "");
    FollowUps followUps = new FollowUps(p.dynamo, "orders");
    p.call(HttpMethod.PUT, p.vendorPort, "/api/v1/menu/" + itemId + "/stock", vendor.getString("token"),
        new JsonObject().put("mode", "COUNT").put("count", 3))
      .compose(r -> place("CASH"))
      .compose(placed -> Future.all(Stored.followUp(p, "HOLD", placed), Stored.item(p, "order-holds", "orderId", placed)))
      .compose(placed -> {
        ctx.verify(() -> {
          assertThat((JsonObject) placed.resultAt(0)).as("the order exists: no hold follow-up left").isNull();
          assertThat(((JsonObject) placed.resultAt(1)).getString("state")).isEqualTo("HELD");
        });
        // what a node killed after the hold transaction and before the creation leaves: the hold, one item fewer, the follow-up
        return Transactions.write(vertx, p.dynamo, List.of(
          TransactWriteItem.builder().put(b -> b.tableName(p.dynamo.table("order-holds")).item(Items.toItem(new JsonObject()
            .put("orderId", dead).put("userId", user.getString("userId")).put("vendorId", vendorId)
            .put("stock", new JsonObject().put(itemId, 1)).put("state", "HELD").put("createdAt", "2026-12-07T00:00:00Z"))))
            .build(),
          TransactWriteItem.builder().update(b -> b.tableName(p.dynamo.table("menu-items"))
            .key(Map.of("vendorId", Items.s(vendorId), "itemId", Items.s(itemId)))
            .updateExpression("SET stockCount = stockCount - :one").expressionAttributeValues(Map.of(":one", Items.n(1))))
            .build(),
          followUps.putItem("HOLD", dead, System.currentTimeMillis())));
      })
      .compose(v -> eventually(vertx, () -> Stored.item(p, "order-holds", "orderId", dead).map(h -> h == null)))
      .compose(v -> Future.all(Stored.followUp(p, "HOLD", dead), Stored.item(p, "menu-items", "vendorId", vendorId, "itemId", itemId)))
      .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
        assertThat((JsonObject) after.resultAt(0)).as("the follow-up is done").isNull();
        assertThat(((JsonObject) after.resultAt(1)).getLong("stockCount")).as("3 − 1 ordered; the orphan's item is back").isEqualTo(2);
        ctx.completeNow();
      })));
  }

  private Future<String> place(String method) {
    JsonArray lines = Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1);
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), lines, method))
      .compose(r -> r.statusCode() == 201 ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture("placement refused: " + r.bodyAsString()))
      .map(o -> {
        codes.put(o.getString("orderId"), o.getString("deliveryCode"));
        return o.getString("orderId");
      });
  }

  private final JsonObject codes = new JsonObject();

  /**
   * The rider accepts the order they were offered; an offer that timed out before the answer reached the engine (2 s
   * here, on a loaded machine) is followed by another round, whose offer the rider takes.
   */
  private Future<HttpResponse<io.vertx.core.buffer.Buffer>> acceptOffered(Inbox inbox, String orderId, int tries) {
    inbox.forget();
    return p.call(HttpMethod.POST, p.riderPort, "/api/v1/orders/" + orderId + "/accept", rider.getString("token"), null)
      .compose(r -> r.statusCode() == 404 && tries > 1
        ? inbox.next("new_order", orderId).compose(again -> acceptOffered(inbox, orderId, tries - 1))
        : Future.succeededFuture(r));
  }

  private Future<Void> vendorStep(String orderId, String step) {
    return p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + orderId + "/" + step, vendor.getString("token"),
      new JsonObject()).compose(r -> r.statusCode() == 200 ? Future.succeededFuture()
        : Future.failedFuture(step + " refused: " + r.bodyAsString()));
  }

  private Future<JsonObject> followUp(String kind, String orderId) {
    return Stored.followUp(p, kind, orderId);
  }

  private Future<JsonObject> order(String orderId) {
    return Stored.order(p, orderId);
  }

  private static Future<Void> eventually(Vertx vertx, Supplier<Future<Boolean>> check) {
    return Stored.eventually(vertx, check);
  }
}
