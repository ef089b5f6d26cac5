package cm.reeyo.bridge;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@DisplayName("Socket bridge end to end: real Node clients on node A, events from node B")
class BridgeEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static BridgeFixture fx;

  @BeforeAll
  static void cluster() throws Exception {
    fx = BridgeFixture.get();
  }

  @Test
  @DisplayName("a customer receives, on its own address, an order event a verticle on another node published; it carries an id")
  void crossNodeOrderEvent() throws Exception {
    String userId = BridgeFixture.id("user");
    String address = ClientAddresses.user(userId);
    try (NodeClient customer = fx.client(Tokens.access(userId, "USER"))) {
      customer.register(address);
      fx.awaitLive(customer, address);

      new ClientPublisher(fx.domainNode).publish(address, ClientEvent.ORDER_ACCEPTED,
        new JsonObject().put("orderId", "order_x").put("estimatedTime", 25)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

      JsonObject msg = customer.await(l -> BridgeFixture.isMsg(l, address, "order_accepted"), WAIT, "order_accepted");
      JsonObject body = msg.getJsonObject("body");
      assertThat(body.getJsonObject("data").getString("orderId")).isEqualTo("order_x");
      assertThat(body.getString("at")).isNotBlank();
      assertThat(body.getString("id")).matches("\\d+-\\d+");
    }
  }

  @Test
  @DisplayName("a rider's locations reach the customer of its active order, land in Redis GEO, and are limited to one a second")
  void riderLocationReachesCustomer() throws Exception {
    String riderId = BridgeFixture.id("rider");
    String userId = BridgeFixture.id("user");
    String orderId = BridgeFixture.id("order");
    fx.orders.order(orderId, userId, BridgeFixture.id("vendor"), riderId);
    String orderAddress = ClientAddresses.order(orderId);
    try (NodeClient customer = fx.client(Tokens.access(userId, "USER"));
         NodeClient rider = fx.client(Tokens.access(riderId, "RIDER"))) {
      customer.register(orderAddress);
      fx.awaitLive(customer, orderAddress);

      JsonObject fix = new JsonObject().put("lat", 4.0511).put("lng", 9.7679).put("heading", 90).put("speed", 8.5);
      rider.send(RealtimeAddresses.RIDER_LOCATION, fix, "loc1");
      JsonObject reply = rider.await(l -> "loc1".equals(l.getString("tag")), WAIT, "reply to loc1");
      assertThat(reply.getString("type")).isEqualTo("reply");
      assertThat(reply.getJsonObject("body").getInteger("orders")).isEqualTo(1);

      JsonObject update = customer.await(l -> BridgeFixture.isMsg(l, orderAddress, "rider_location_update"), WAIT, "location");
      JsonObject data = update.getJsonObject("body").getJsonObject("data");
      assertThat(data.getDouble("lat")).isEqualTo(4.0511);
      assertThat(data.getDouble("lng")).isEqualTo(9.7679);
      assertThat(data.getDouble("heading")).isEqualTo(90.0);
      assertThat(data.getString("riderId")).isEqualTo(riderId);
      assertThat(data.getString("orderId")).isEqualTo(orderId);

      rider.send(RealtimeAddresses.RIDER_LOCATION, fix, "loc2");
      JsonObject limited = rider.await(l -> "loc2".equals(l.getString("tag")), WAIT, "reply to loc2");
      assertThat(limited.getString("type")).isEqualTo("reply-error");
      assertThat(limited.getInteger("failureCode")).isEqualTo(4290);

      Response position = await(fx.redis().geopos(List.of(RedisKeys.RIDERS_ONLINE, riderId))).get(0);
      assertThat(position.get(0).toDouble()).isCloseTo(9.7679, within(1e-4));
      assertThat(position.get(1).toDouble()).isCloseTo(4.0511, within(1e-4));
      long lastSeen = await(fx.redis().zscore(RedisKeys.RIDERS_LAST_SEEN, riderId)).toLong();
      assertThat(lastSeen).isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis());
    }
  }

  @Test
  @DisplayName("a client that missed 5 events while disconnected gets all 5, in order, on reconnect with its last id, then live ones")
  void replayAfterReconnect() throws Exception {
    String vendorId = BridgeFixture.id("vendor");
    String address = ClientAddresses.vendor(vendorId);
    ClientPublisher publisher = new ClientPublisher(fx.domainNode);
    String lastId;
    try (NodeClient first = fx.client(Tokens.access(vendorId, "VENDOR"))) {
      first.register(address);
      fx.awaitLive(first, address);
      publish(publisher, address, 0);
      lastId = first.await(l -> BridgeFixture.isMsg(l, address, "new_order"), WAIT, "event 0")
        .getJsonObject("body").getString("id");
      first.command(new JsonObject().put("op", "close"));
      first.awaitType("close", WAIT);
    }
    for (int i = 1; i <= 5; i++) {
      publish(publisher, address, i);
    }
    try (NodeClient again = fx.client(Tokens.access(vendorId, "VENDOR"))) {
      again.command(new JsonObject().put("op", "resume").put("address", address).put("lastId", lastId));
      JsonObject replayed = again.awaitType("replayed", WAIT);
      assertThat(replayed.getInteger("count")).isEqualTo(5);
      assertThat(replayed.getBoolean("complete")).isTrue();
      List<Integer> seqs = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        JsonObject msg = again.await(l -> BridgeFixture.isMsg(l, address, "new_order"), WAIT, "replayed event");
        assertThat(msg.getBoolean("replayed")).isTrue();
        seqs.add(msg.getJsonObject("body").getJsonObject("data").getInteger("seq"));
      }
      assertThat(seqs).containsExactly(1, 2, 3, 4, 5);

      fx.awaitLive(again, address);
      publish(publisher, address, 6);
      JsonObject live = again.await(l -> BridgeFixture.isMsg(l, address, "new_order"), WAIT, "live event");
      assertThat(live.getBoolean("replayed")).isFalse();
      assertThat(live.getJsonObject("body").getJsonObject("data").getInteger("seq")).isEqualTo(6);
    }
  }

  @Test
  @DisplayName("typing from the rider of an order reaches its customer; a stranger's typing is refused")
  void typingForwarded() throws Exception {
    String riderId = BridgeFixture.id("rider");
    String userId = BridgeFixture.id("user");
    String orderId = BridgeFixture.id("order");
    fx.orders.order(orderId, userId, BridgeFixture.id("vendor"), riderId);
    String userAddress = ClientAddresses.user(userId);
    try (NodeClient customer = fx.client(Tokens.access(userId, "USER"));
         NodeClient rider = fx.client(Tokens.access(riderId, "RIDER"));
         NodeClient stranger = fx.client(Tokens.access(BridgeFixture.id("rider"), "RIDER"))) {
      customer.register(userAddress);
      fx.awaitLive(customer, userAddress);

      rider.send(RealtimeAddresses.TYPING, new JsonObject().put("orderId", orderId).put("isTyping", true), "t1");
      assertThat(rider.await(l -> "t1".equals(l.getString("tag")), WAIT, "typing reply").getJsonObject("body")
        .getInteger("delivered")).isEqualTo(2);
      JsonObject typing = customer.await(l -> BridgeFixture.isMsg(l, userAddress, "typing"), WAIT, "typing");
      assertThat(typing.getJsonObject("body").getJsonObject("data"))
        .isEqualTo(new JsonObject().put("orderId", orderId).put("from", "RIDER").put("isTyping", true));

      stranger.send(RealtimeAddresses.TYPING, new JsonObject().put("orderId", orderId).put("isTyping", true), "t2");
      JsonObject refused = stranger.await(l -> "t2".equals(l.getString("tag")), WAIT, "typing refusal");
      assertThat(refused.getString("type")).isEqualTo("reply-error");
      assertThat(refused.getInteger("failureCode")).isEqualTo(4030);
    }
  }

  @Test
  @DisplayName("a socket without a URL token authenticates with a token header on its frames")
  void tokenHeaderMode() throws Exception {
    String userId = BridgeFixture.id("user");
    String address = ClientAddresses.user(userId);
    try (NodeClient customer = NodeClient.start(fx.url, Tokens.access(userId, "USER"), "header")) {
      customer.awaitOpen();
      customer.register(address);
      fx.awaitLive(customer, address);
      assertThat(customer.seen()).noneMatch(BridgeFixture::isError);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void publish(ClientPublisher publisher, String address, int seq) throws Exception {
    publisher.publish(address, ClientEvent.NEW_ORDER, new JsonObject().put("seq", seq))
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
