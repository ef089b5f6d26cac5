package cm.reeyo.orderflow;

import cm.reeyo.bridge.SocketBridgeVerticle;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Passwords;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ending a session reaches the sockets: the APIs run on node A, the socket bridge on node B of one cluster; a logout,
 * a password change or a suspension on node A closes the account's socket on node B within 2 s, and the ended token
 * cannot open a new one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@DisplayName("Session revocation reaches the sockets of every node")
class SessionRevocationTest {

  private static final String PASSWORD = "Corr3ct#horse";
  private static final long WITHIN_MS = 2_000;

  private static List<Vertx> nodes;
  private static Platform p;
  private static int bridgePort;

  @BeforeAll
  static void cluster() throws Exception {
    nodes = ClusterNodes.start(2);
    p = await(Platform.start(nodes.get(0), new JsonObject())  // the first DynamoDB calls of a loaded JVM may time out once
      .recover(slowStart -> Platform.start(nodes.get(0), new JsonObject())));
    bridgePort = LocalRedis.Ports.free();
    await(nodes.get(1).deployVerticle(new SocketBridgeVerticle(),
      new DeploymentOptions().setConfig(TestConfig.withPort(p.config, bridgePort))));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Vertx node : nodes) {
      await(node.close());
    }
  }

  @Test
  @DisplayName("logout on node A closes the session's socket on node B within 2 s; the logged-out token cannot reconnect")
  void logoutClosesSocket() throws Exception {
    JsonObject login = customerLogin();
    String token = login.getString("token");
    BridgeSocket socket = liveSocket(token, login.getJsonObject("user").getString("userId"));

    long ended = System.nanoTime();
    assertThat(await(p.call(HttpMethod.POST, Role.USER, "/api/v1/auth/logout", token, new JsonObject())).statusCode())
      .isEqualTo(204);
    await(socket.whenClosed().timeout(WITHIN_MS, TimeUnit.MILLISECONDS));
    assertThat((System.nanoTime() - ended) / 1_000_000).isLessThan(WITHIN_MS);

    BridgeSocket again = await(BridgeSocket.open(p.vertx, bridgePort, token));
    await(again.whenClosed().timeout(WITHIN_MS, TimeUnit.MILLISECONDS));
    assertThat(again.seen()).noneMatch(f -> "reply".equals(f.getString("type")) || "rec".equals(f.getString("type")));
  }

  @Test
  @DisplayName("a password change closes every socket of the account within 2 s; the new token's socket works")
  void passwordChangeClosesSockets() throws Exception {
    JsonObject login = customerLogin();
    String userId = login.getJsonObject("user").getString("userId");
    BridgeSocket first = liveSocket(login.getString("token"), userId);
    JsonObject second = await(p.ok(HttpMethod.POST, Role.USER, "/api/v1/auth/login", null,
      new JsonObject().put("phone", login.getJsonObject("user").getString("phone")).put("password", PASSWORD)));
    BridgeSocket other = liveSocket(second.getString("token"), userId);

    JsonObject changed = await(p.ok(HttpMethod.POST, Role.USER, "/api/v1/auth/change-password", login.getString("token"),
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "N3w#passw0rd!")));
    await(Future.all(first.whenClosed(), other.whenClosed()).timeout(WITHIN_MS, TimeUnit.MILLISECONDS));

    liveSocket(changed.getString("token"), userId).close();
  }

  @Test
  @DisplayName("suspension by an admin closes the account's socket within 2 s")
  void suspensionClosesSocket() throws Exception {
    JsonObject login = customerLogin();
    String userId = login.getJsonObject("user").getString("userId");
    BridgeSocket socket = liveSocket(login.getString("token"), userId);
    String admin = await(p.admin());

    assertThat(await(p.call(HttpMethod.POST, Role.ADMIN, "/api/v1/users/" + userId + "/suspend", admin,
      new JsonObject().put("reason", "fraud report"))).statusCode()).isEqualTo(200);
    await(socket.whenClosed().timeout(WITHIN_MS, TimeUnit.MILLISECONDS));
  }

  /** A customer with a password, logged in through the user API: the login answer. */
  private static JsonObject customerLogin() throws Exception {
    String phone = "+23767" + String.format("%07d", (long) (Math.random() * 10_000_000));
    Passwords passwords = new Passwords(p.vertx, new JsonObject().put(Passwords.CONF_COST, 4));
    String hash = await(passwords.hash(PASSWORD));
    await(p.account(AccountKind.USER, new JsonObject().put("firstName", "Ama").put("lastName", "Ndi").put("phone", phone)
      .put("isPhoneVerified", true).put("passwordHash", hash)));
    return await(p.ok(HttpMethod.POST, Role.USER, "/api/v1/auth/login", null,
      new JsonObject().put("phone", phone).put("password", PASSWORD)));
  }

  /** A socket on node B, authenticated: its replay request on its own address is answered. */
  private static BridgeSocket liveSocket(String token, String userId) throws Exception {
    BridgeSocket socket = await(BridgeSocket.open(p.vertx, bridgePort, token));
    JsonObject query = new JsonObject().put("address", ClientAddresses.user(userId)).put("lastId", "0-0");
    for (int attempt = 1; ; attempt++) { // a frame sent while the bridge still verifies the token is refused
      try {
        JsonObject reply = await(socket.request(ClientAddresses.CLIENT_REPLAY, query).timeout(3, TimeUnit.SECONDS));
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("rec");
        return socket;
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
