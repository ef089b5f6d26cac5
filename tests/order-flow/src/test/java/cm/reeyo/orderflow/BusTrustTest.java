package cm.reeyo.orderflow;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.bus.PrincipalHeaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Engines take principal headers only from the edges: the wallet engine runs on node A of a cluster; node B, a
 * member that is no edge, puts messages on the bus by hand. Unsigned or forged principal headers are refused
 * UNAUTHORIZED, while the same request through the edges' plumbing ({@link BusClient}, which signs) is served.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@DisplayName("Cluster bus: engines refuse principal headers not signed by an edge")
class BusTrustTest {

  private static List<Vertx> nodes;
  private static Platform p;

  @BeforeAll
  static void cluster() throws Exception {
    nodes = ClusterNodes.start(2);
    p = await(Platform.start(nodes.get(0), new JsonObject())  // the first DynamoDB calls of a loaded JVM may time out once
      .recover(slowStart -> Platform.start(nodes.get(0), new JsonObject())));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Vertx node : nodes) {
      await(node.close());
    }
  }

  @Test
  @DisplayName("unsigned and forged USER and ADMIN headers sent to wallet.v1.* from another node are refused; a signed request is served")
  void forgedPrincipalRefused() throws Exception {
    String userId = await(p.customer(true, 0)).getString("userId");
    Vertx stranger = nodes.get(1);
    BusClient edge = BusClient.of(stranger);
    JsonObject balance = await(retrying(() -> edge.request(WalletAddresses.BALANCE, new JsonObject(), new Principal(userId, Role.USER))));
    assertThat(balance.getLong("balance")).isZero();

    DeliveryOptions unsigned = new DeliveryOptions().setSendTimeout(5_000)
      .addHeader(Principal.HEADER_ID, userId).addHeader(Principal.HEADER_ROLE, "USER");
    assertRefused(stranger.eventBus().request(WalletAddresses.BALANCE, new JsonObject(), unsigned));

    DeliveryOptions forged = new DeliveryOptions().setSendTimeout(5_000)
      .addHeader(Principal.HEADER_ID, userId).addHeader(Principal.HEADER_ROLE, "USER")
      .addHeader(PrincipalHeaders.HEADER_SIGNATURE, "bm90LXRoZS1jbHVzdGVyLXNlY3JldA");
    assertRefused(stranger.eventBus().request(WalletAddresses.BALANCE, new JsonObject(), forged));

    DeliveryOptions otherUsersSignature = new DeliveryOptions().setSendTimeout(5_000)
      .addHeader(Principal.HEADER_ID, "admin_root").addHeader(Principal.HEADER_ROLE, "ADMIN")
      .addHeader(PrincipalHeaders.HEADER_SIGNATURE, PrincipalHeaders.frame(new Principal(userId, Role.USER))
        .getString(PrincipalHeaders.HEADER_SIGNATURE));
    assertRefused(stranger.eventBus().request(WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", "payout_x").put("decision", "APPROVE"), otherUsersSignature));
  }

  private static void assertRefused(Future<?> request) {
    Throwable failure = catchThrowable(() -> await(request));
    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(failure.getCause()).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure.getCause()).failureCode()).isEqualTo(ErrorCode.UNAUTHORIZED.busCode());
  }

  /** The first answer once the engine's registration has reached node B. */
  private static Future<JsonObject> retrying(java.util.function.Supplier<Future<JsonObject>> call) {
    return call.get().recover(f -> ErrorCode.UNAVAILABLE.matches(f)
      ? Future.future(promise -> nodes.get(1).setTimer(200, t -> retrying(call).onComplete(promise))) : Future.failedFuture(f));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
