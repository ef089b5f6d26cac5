package cm.reeyo.orderflow;

import cm.reeyo.bridge.SocketBridgeVerticle;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket bridge in front of the REAL order engine (no stand-in): its party checks, typing indicators and rider
 * locations work on orders placed and accepted through the HTTP APIs.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Socket bridge on the real order engine")
class BridgeOnRealEngineTest {

  private Platform p;
  private int bridgePort;
  private JsonObject user;
  private JsonObject vendor;
  private JsonObject rider;
  private String orderId;

  @BeforeEach
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void start(Vertx vertx, VertxTestContext ctx) {
    bridgePort = LocalRedis.Ports.free();
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        JsonObject conf = TestConfig.withPort(p.config, bridgePort).put("bridge", new JsonObject().put("partyCacheMs", 100)
          .put("locationMinIntervalMs", 100));
        return vertx.deployVerticle(new SocketBridgeVerticle(), new DeploymentOptions().setConfig(conf));
      })
      .compose(id -> Future.all(p.customer(true, 20_000), p.vendor(Map.of("Ndolé", 5000L)), p.rider("Mike", 4.0601, 9.7679)))
      .compose(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
        JsonArray lines = Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1);
        return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
          Platform.placeBody(vendor.getString("vendorId"), lines, "WALLET"));
      })
      .onComplete(ctx.succeeding(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201));
        orderId = r.bodyAsJsonObject().getString("orderId");
        ctx.completeNow();
      }));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("typing from the vendor reaches the customer's socket (delivered: 1 before a rider is assigned)")
  void vendorTypingReachesCustomer(Vertx vertx, VertxTestContext ctx) {
    String userAddress = ClientAddresses.user(user.getString("userId"));
    Future.all(BridgeSocket.open(vertx, bridgePort, user.getString("token")), BridgeSocket.open(vertx, bridgePort, vendor.getString("token")))
      .compose(sockets -> {
        BridgeSocket customer = sockets.resultAt(0);
        BridgeSocket vendorSocket = sockets.resultAt(1);
        customer.register(userAddress);
        return awaitLive(vertx, customer, userAddress)
          .compose(v -> vendorSocket.request(RealtimeAddresses.TYPING, new JsonObject().put("orderId", orderId).put("isTyping", true)))
          .compose(reply -> {
            ctx.verify(() -> assertThat(reply.getJsonObject("body")).as(reply.encode()).isEqualTo(new JsonObject().put("delivered", 1)));
            return customer.event(userAddress, ClientEvent.TYPING.wireName());
          });
      })
      .onComplete(ctx.succeeding(typing -> ctx.verify(() -> {
        assertThat(typing.getJsonObject("data")).isEqualTo(new JsonObject().put("orderId", orderId).put("from", "VENDOR")
          .put("isTyping", true));
        ctx.completeNow();
      })));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("party check: the customer may follow client.order.<id>; another customer is refused and a stranger's typing FORBIDDEN")
  void partyCheck(Vertx vertx, VertxTestContext ctx) {
    String orderAddress = ClientAddresses.order(orderId);
    p.customer(true, 0)
      .compose(stranger -> Future.all(BridgeSocket.open(vertx, bridgePort, user.getString("token")),
        BridgeSocket.open(vertx, bridgePort, stranger.getString("token"))))
      .compose(sockets -> {
        BridgeSocket customer = sockets.resultAt(0);
        BridgeSocket stranger = sockets.resultAt(1);
        customer.register(orderAddress);
        stranger.register(orderAddress);
        return awaitLive(vertx, customer, orderAddress)
          .compose(v -> stranger.error())
          .compose(refused -> {
            ctx.verify(() -> assertThat(refused.getString("body")).isIn("rejected", "access_denied"));
            return stranger.request(RealtimeAddresses.TYPING, new JsonObject().put("orderId", orderId).put("isTyping", true));
          });
      })
      .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
        assertThat(reply.getInteger("failureCode")).as(reply.encode()).isEqualTo(cm.reeyo.contracts.ErrorCode.FORBIDDEN.busCode());
        ctx.completeNow();
      })));
  }

  @Test
  @Timeout(value = 150, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a rider who took the order sends a location on its socket; the customer following the order receives it")
  void riderLocationsReachTheOrder(Vertx vertx, VertxTestContext ctx) {
    String orderAddress = ClientAddresses.order(orderId);
    String path = "/api/v1/orders/" + orderId + "/accept";
    p.call(HttpMethod.POST, p.vendorPort, path, vendor.getString("token"), new JsonObject())
      .compose(r -> acceptWhenOffered(r.statusCode(), path, 40))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return Future.all(BridgeSocket.open(vertx, bridgePort, user.getString("token")),
          BridgeSocket.open(vertx, bridgePort, rider.getString("token")));
      })
      .compose(sockets -> {
        BridgeSocket customer = sockets.resultAt(0);
        BridgeSocket riderSocket = sockets.resultAt(1);
        customer.register(orderAddress);
        return awaitLive(vertx, customer, orderAddress)
          .compose(v -> riderSocket.request(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 4.0605).put("lng", 9.7681)))
          .compose(reply -> {
            ctx.verify(() -> assertThat(reply.getJsonObject("body")).as(reply.encode())
              .isEqualTo(new JsonObject().put("accepted", true).put("orders", 1)));
            return customer.event(orderAddress, ClientEvent.RIDER_LOCATION_UPDATE.wireName());
          });
      })
      .onComplete(ctx.succeeding(update -> ctx.verify(() -> {
        JsonObject data = update.getJsonObject("data");
        assertThat(data.getString("riderId")).isEqualTo(rider.getString("riderId"));
        assertThat(data.getString("orderId")).isEqualTo(orderId);
        assertThat(data.getDouble("lat")).isEqualTo(4.0605);
        ctx.completeNow();
      })));
  }

  /** The rider's accept, retried until dispatch has offered the order to this rider. */
  private Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> acceptWhenOffered(int vendorStatus, String path,
                                                                                                    int attempts) {
    return p.call(HttpMethod.POST, p.riderPort, path, rider.getString("token"), null).compose(r -> r.statusCode() == 200
      || attempts <= 1 ? Future.succeededFuture(r)
      : p.vertx.timer(250).compose(t -> acceptWhenOffered(vendorStatus, path, attempts - 1)));
  }

  /** Registration has no acknowledgement: publish probes through the numbering address until one arrives. */
  private Future<Void> awaitLive(Vertx vertx, BridgeSocket socket, String address) {
    Future<JsonObject> probe = socket.event(address, ClientEvent.NOTIFICATION.wireName());
    long timer = vertx.setPeriodic(200, t -> new ClientPublisher(vertx).publish(address, ClientEvent.NOTIFICATION,
      new JsonObject().put("probe", true)));
    return probe.<Void>mapEmpty().andThen(r -> vertx.cancelTimer(timer));
  }
}
