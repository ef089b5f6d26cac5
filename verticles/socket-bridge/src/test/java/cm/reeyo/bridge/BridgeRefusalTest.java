package cm.reeyo.bridge;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Socket bridge refusals: each refused, and the refused socket stays usable")
class BridgeRefusalTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static BridgeFixture fx;

  @BeforeAll
  static void cluster() throws Exception {
    fx = BridgeFixture.get();
  }

  @Test
  @DisplayName("a page of a foreign Origin is refused with 403 FORBIDDEN in the error shape (not a 500); the app's origin is let in")
  void foreignOrigin() throws Exception {
    for (String path : List.of("/eventbus/info", "/eventbus/websocket", "/eventbus/123/abcdefgh/xhr")) {
      HttpResponse<String> refused = fx.getFrom("https://evil.example", path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo(ErrorCode.FORBIDDEN.name());
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    HttpResponse<String> allowed = fx.getFrom(Tokens.APP_ORIGIN, "/eventbus/info");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(Tokens.APP_ORIGIN);
  }

  @Test
  @DisplayName("a socket without any token can do nothing and is closed after the authentication grace period")
  void noToken() {
    try (NodeClient anonymous = fx.client(null)) {
      anonymous.register(ClientAddresses.user("user_anyone"));
      assertThat(anonymous.await(BridgeFixture::isError, WAIT, "error frame").getString("body")).isEqualTo("rejected");
      anonymous.awaitType("close", Duration.ofSeconds(5));
      assertThat(anonymous.seen()).noneMatch(l -> "msg".equals(l.getString("type")));
    }
  }

  @Test
  @DisplayName("expired, forged, refresh-type and malformed tokens get the socket closed at once")
  void badTokensClose() throws Exception {
    long before = BridgeStats.of(fx.bridgeNode).refusals("token");
    String userId = BridgeFixture.id("user");
    List<String> tokens = List.of(Tokens.expired(userId, "USER"), Tokens.forged(userId, "USER"),
      Tokens.refresh(userId, "USER"), "not.a.jwt");
    for (String token : tokens) {
      try (NodeClient client = NodeClient.start(fx.url, token)) {
        client.awaitType("close", WAIT);
        assertThat(client.seen()).noneMatch(l -> "msg".equals(l.getString("type")));
      }
    }
    assertThat(BridgeStats.of(fx.bridgeNode).refusals("token") - before).isEqualTo(tokens.size());
  }

  @Test
  @DisplayName("a forged token header on a frame is refused and does not change who the socket is")
  void forgedFrameToken() {
    String userId = BridgeFixture.id("user");
    String victim = BridgeFixture.id("user");
    try (NodeClient client = fx.client(Tokens.access(userId, "USER"))) {
      client.command(new JsonObject().put("op", "raw").put("frame", new JsonObject().put("type", "register")
        .put("address", ClientAddresses.user(victim)).put("headers", new JsonObject().put("token", Tokens.forged(victim, "USER")))));
      assertThat(client.await(BridgeFixture::isError, WAIT, "error frame").getString("body")).isEqualTo("rejected");
      client.command(new JsonObject().put("op", "raw").put("frame", new JsonObject().put("type", "register")
        .put("address", ClientAddresses.user(victim)).put("headers", new JsonObject().put("token", Tokens.access(victim, "USER")))));
      assertThat(client.await(BridgeFixture::isError, WAIT, "error frame").getString("body")).isEqualTo("rejected");
      client.register(ClientAddresses.user(userId));
      fx.awaitLive(client, ClientAddresses.user(userId));
    }
  }

  @Test
  @DisplayName("a socket is closed when its token expires")
  void tokenExpiry() {
    String userId = BridgeFixture.id("user");
    try (NodeClient client = fx.client(Tokens.access(userId, "USER", 12))) {
      client.register(ClientAddresses.user(userId));
      fx.awaitLive(client, ClientAddresses.user(userId));
      client.awaitType("close", Duration.ofSeconds(25));
    }
  }

  @Test
  @DisplayName("registering on another user's address, or on its own id under another family, is refused")
  void othersAddresses() {
    String userId = BridgeFixture.id("user");
    try (NodeClient client = fx.client(Tokens.access(userId, "USER"))) {
      for (String address : List.of(ClientAddresses.user(BridgeFixture.id("user")), ClientAddresses.vendor(userId),
        ClientAddresses.rider(userId))) {
        client.register(address);
        assertThat(client.await(BridgeFixture::isError, WAIT, "refusal of " + address).getString("body")).isEqualTo("rejected");
      }
      client.register(ClientAddresses.user(userId));
      fx.awaitLive(client, ClientAddresses.user(userId));
    }
  }

  @Test
  @DisplayName("client.admins, the operations feed, is for admin sockets only: customers, vendors and riders are refused")
  void adminsFeed() {
    try (NodeClient admin = fx.client(Tokens.access(BridgeFixture.id("admin"), "ADMIN"));
         NodeClient user = fx.client(Tokens.access(BridgeFixture.id("user"), "USER"));
         NodeClient vendor = fx.client(Tokens.access(BridgeFixture.id("vendor"), "VENDOR"));
         NodeClient rider = fx.client(Tokens.access(BridgeFixture.id("rider"), "RIDER"))) {
      admin.register(ClientAddresses.ADMINS);
      fx.awaitLive(admin, ClientAddresses.ADMINS);
      for (NodeClient other : List.of(user, vendor, rider)) {
        other.register(ClientAddresses.ADMINS);
        assertThat(other.await(BridgeFixture::isError, WAIT, "refusal").getString("body")).isEqualTo("rejected");
      }
      assertThat(admin.seen()).noneMatch(BridgeFixture::isError);
    }
  }

  @Test
  @DisplayName("client.order.<id> only for parties of that order: customer and vendor yes, other customers and riders no")
  void orderAddresses() {
    String userId = BridgeFixture.id("user");
    String vendorId = BridgeFixture.id("vendor");
    String orderId = BridgeFixture.id("order");
    fx.orders.order(orderId, userId, vendorId, null);
    String address = ClientAddresses.order(orderId);
    try (NodeClient customer = fx.client(Tokens.access(userId, "USER"));
         NodeClient vendor = fx.client(Tokens.access(vendorId, "VENDOR"));
         NodeClient other = fx.client(Tokens.access(BridgeFixture.id("user"), "USER"));
         NodeClient rider = fx.client(Tokens.access(BridgeFixture.id("rider"), "RIDER"))) {
      customer.register(address);
      vendor.register(address);
      fx.awaitLive(customer, address);
      fx.awaitLive(vendor, address);
      for (NodeClient stranger : List.of(other, rider)) {
        stranger.register(address);
        assertThat(stranger.await(BridgeFixture::isError, WAIT, "refusal").getString("body")).isEqualTo("rejected");
      }
      assertThat(customer.seen()).noneMatch(BridgeFixture::isError);
    }
  }

  @Test
  @DisplayName("a customer may not send rider locations, call internal services or publish on client addresses")
  void forbiddenSends() throws Exception {
    String userId = BridgeFixture.id("user");
    String own = ClientAddresses.user(userId);
    List<Object> leaked = new CopyOnWriteArrayList<>();
    List<MessageConsumer<Object>> spies = List.of(
      fx.domainNode.eventBus().consumer(OrderAddresses.PLACE, m -> leaked.add(m.body())),
      fx.domainNode.eventBus().consumer(WalletAddresses.PAY_ORDER, m -> leaked.add(m.body())));
    for (MessageConsumer<Object> spy : spies) {
      spy.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    try (NodeClient client = fx.client(Tokens.access(userId, "USER"))) {
      client.register(own);
      fx.awaitLive(client, own);
      client.send(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 4.05).put("lng", 9.7), null);
      client.send(OrderAddresses.PLACE, new JsonObject().put("vendorId", "v"), null);
      client.send(WalletAddresses.PAY_ORDER, new JsonObject().put("amount", 1), null);
      client.send(ClientAddresses.CLIENT_PUBLISH, new JsonObject().put("address", own)
        .put("envelope", new JsonObject().put("event", "order_delivered")), null);
      client.publish(own, new JsonObject().put("event", "order_delivered"));
      client.publish(RealtimeAddresses.TYPING, new JsonObject().put("orderId", "o").put("isTyping", true));
      for (int i = 0; i < 6; i++) {
        assertThat(client.await(BridgeFixture::isError, WAIT, "refusal " + i).getString("body")).isIn("rejected", "access_denied");
      }
      fx.awaitLive(client, own);
      assertThat(client.seen()).noneMatch(l -> BridgeFixture.isMsg(l, own, "order_delivered"));
      assertThat(leaked).isEmpty();
    } finally {
      spies.forEach(MessageConsumer::unregister);
    }
  }

  @Test
  @DisplayName("address edge cases are refused: suffixes, case, look-alike unicode, wildcards, empty and over-long ids")
  void addressEdgeCases() {
    String userId = BridgeFixture.id("user");
    String own = ClientAddresses.user(userId);
    List<String> tricks = List.of(own + ".x", own + ".", own.toUpperCase(), "Client.user." + userId,
      "client.user." + userId.toUpperCase(), own.replace('e', '\u0435'), "client.user.*", "client.user.#",
      "client.user.", "client.user", own + "\u0000", own + " ", " " + own, "client.user." + "a".repeat(90),
      "client.users." + userId, "client.user.." + userId, "client.order.*", "client.user.+", "client.user." + userId + "|x");
    try (NodeClient client = fx.client(Tokens.access(userId, "USER"))) {
      for (String trick : tricks) {
        client.register(trick);
        assertThat(client.await(BridgeFixture::isError, WAIT, "refusal of " + trick).getString("body"))
          .isIn("rejected", "access_denied", "max_address_length_reached");
      }
      client.register(own);
      fx.awaitLive(client, own);
    }
  }

  @Test
  @DisplayName("oversized frames and registrations past the per-socket limit are refused; the socket keeps working")
  void limits() {
    String riderId = BridgeFixture.id("rider");
    try (NodeClient rider = fx.client(Tokens.access(riderId, "RIDER"))) {
      rider.send(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 1).put("lng", 1).put("pad", "x".repeat(10_000)), "big");
      assertThat(rider.await(BridgeFixture::isError, WAIT, "refusal").getString("body")).isEqualTo("rejected");
      rider.send(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 1).put("lng", 1).put("pad", "x"), "extra");
      JsonObject invalid = rider.await(l -> "extra".equals(l.getString("tag")), WAIT, "validation failure");
      assertThat(invalid.getInteger("failureCode")).isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
      rider.send(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 91).put("lng", 1), "range");
      assertThat(rider.await(l -> "range".equals(l.getString("tag")), WAIT, "range failure").getInteger("failureCode"))
        .isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
      rider.send(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 1).put("lng", 1), "ok");
      assertThat(rider.await(l -> "ok".equals(l.getString("tag")), WAIT, "reply").getString("type")).isEqualTo("reply");

      String userId = BridgeFixture.id("user");
      try (NodeClient customer = fx.client(Tokens.access(userId, "USER"))) {
        customer.register(ClientAddresses.user(userId));
        for (int i = 0; i < 4; i++) {
          String orderId = BridgeFixture.id("order");
          fx.orders.order(orderId, userId, "vendor_v", null);
          customer.register(ClientAddresses.order(orderId));
        }
        assertThat(customer.await(BridgeFixture::isError, WAIT, "limit").getString("body")).isEqualTo("rejected");
        assertThat(customer.poll(BridgeFixture::isError, Duration.ofMillis(500))).isNull();
        fx.awaitLive(customer, ClientAddresses.user(userId));
      }
    }
  }

  @Test
  @DisplayName("frames past a socket's rate budget are refused and counted (rate); the socket recovers; one that keeps flooding is closed (rate-closed)")
  void frameRate() throws Exception {
    String userId = BridgeFixture.id("user");
    JsonObject frame = new JsonObject().put("type", "publish").put("address", ClientAddresses.user(userId))
      .put("body", new JsonObject());
    long rateBefore = refusals("rate");
    long closedBefore = refusals("rate-closed");
    try (NodeClient customer = fx.client(Tokens.access(userId, "USER"))) {
      for (int i = 0; i < 26; i++) { // burst 20 in the fixture
        customer.command(new JsonObject().put("op", "raw").put("frame", frame));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (refusals("rate") < rateBefore + 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(refusals("rate")).isGreaterThanOrEqualTo(rateBefore + 3);
      Thread.sleep(2_100); // 10 frames a second refill the burst
      customer.register(ClientAddresses.user(userId));
      fx.awaitLive(customer, ClientAddresses.user(userId));
      assertThat(customer.seen()).noneMatch(l -> "close".equals(l.getString("type")));
    }
    try (NodeClient flood = fx.client(Tokens.access(userId, "USER"))) {
      for (int i = 0; i < 80; i++) { // 20 admitted, then more than 30 refusals close it
        flood.command(new JsonObject().put("op", "raw").put("frame", frame));
      }
      flood.awaitType("close", WAIT);
      assertThat(refusals("rate-closed")).isGreaterThan(closedBefore);
    }
  }

  private static long refusals(String reason) throws Exception {
    HttpResponse<String> answer = fx.get("/stats", Tokens.access(BridgeFixture.id("admin"), "ADMIN"));
    return new JsonObject(answer.body()).getJsonObject("refusals").getLong(reason, 0L);
  }

  @Test
  @DisplayName("client.v1.publish numbers only client addresses: any other address is a validation failure")
  void publishContract() {
    JsonObject body = new JsonObject().put("address", OrderAddresses.PLACE)
      .put("envelope", new JsonObject().put("event", "new_order").put("data", new JsonObject()));
    assertThatThrownBy(() -> fx.domainNode.eventBus().request(ClientAddresses.CLIENT_PUBLISH, body)
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
      .isInstanceOf(ExecutionException.class)
      .satisfies(e -> assertThat(ErrorCode.of(e.getCause())).isEqualTo(ErrorCode.VALIDATION_FAILED));
  }

  @Test
  @DisplayName("/health, /ready, /openapi.json answer; /stats answers admins only and counts sockets and refusals")
  void httpRoutes() throws Exception {
    assertThat(fx.get("/health").statusCode()).isEqualTo(200);
    assertThat(fx.get("/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> doc = fx.get("/openapi.json");
    assertThat(new JsonObject(doc.body()).getJsonObject("paths").fieldNames()).contains("/stats", "/health");
    try (NodeClient anonymous = fx.client(null)) {
      anonymous.register("client.user.x");
      anonymous.await(BridgeFixture::isError, WAIT, "refusal");
      assertThat(fx.get("/stats").statusCode()).isEqualTo(401);
      assertThat(fx.get("/stats", Tokens.access(BridgeFixture.id("user"), "USER")).statusCode()).isEqualTo(403);
      HttpResponse<String> answer = fx.get("/stats", Tokens.access(BridgeFixture.id("admin"), "ADMIN"));
      assertThat(answer.statusCode()).isEqualTo(200);
      JsonObject stats = new JsonObject(answer.body());
      assertThat(stats.getLong("socketsOpen")).isGreaterThanOrEqualTo(1);
      assertThat(stats.getJsonObject("refusals").getLong("unauthenticated")).isGreaterThanOrEqualTo(1);
      assertThat(stats.getJsonObject("jvm").getLong("heapUsedBytes")).isPositive();
    }
  }
}
