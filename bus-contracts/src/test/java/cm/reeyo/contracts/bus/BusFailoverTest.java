package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bus fail-over: idempotent requests are retried once when their target vanished, others never")
class BusFailoverTest {

  private static final Principal USER = new Principal("usr_1", Role.USER);
  private static final Principal RIDER = new Principal("rdr_1", Role.RIDER);

  @AfterEach
  void forget() {
    Violations.drain();
  }

  @Test
  @DisplayName("contracts say which requests are idempotent: reads always, keyed writes only with their key")
  void idempotencyFromContracts() {
    BusContracts contracts = BusContracts.get();
    assertThat(contracts.of(OrderAddresses.GET).idempotency().covers(new JsonObject())).isTrue();
    assertThat(contracts.of(OrderAddresses.CATALOG_MENU).idempotency().covers(new JsonObject())).isTrue();
    Idempotency place = contracts.of(OrderAddresses.PLACE).idempotency();
    assertThat(place.covers(new JsonObject().put("vendorId", "v"))).as("a place without its key").isFalse();
    assertThat(place.covers(new JsonObject().put("idempotencyKey", "k-1"))).isTrue();
    assertThat(contracts.of(OrderAddresses.TRANSITION).idempotency()).isEqualTo(Idempotency.NEVER);
    assertThat(contracts.of(WalletAddresses.PAY_ORDER).idempotency()).isEqualTo(Idempotency.NEVER);
    assertThat(contracts.of(WalletAddresses.TOPUP).idempotency().keyField()).isEqualTo("idempotencyKey");
  }

  @Test
  @DisplayName("a member leaves while a read is in flight: the read is sent again and answered by the other instance")
  void readInFlightIsSentAgainWhenAMemberLeaves(Vertx vertx, VertxTestContext test) {
    AtomicInteger received = new AtomicInteger();
    Future<Void> served = BusServer.on(vertx).serveBody(OrderAddresses.CATALOG_MENU, body ->
      received.incrementAndGet() == 1
        ? Promise.<JsonObject>promise().future()
        : Future.succeededFuture(new JsonObject().put("vendorId", body.getString("vendorId")).put("items", new JsonArray())))
      .ready();
    BusClient bus = BusClient.of(vertx);
    served.compose(v -> {
      Future<JsonObject> read = bus.request(OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", "vnd_1"), USER);
      long sent = System.nanoTime();
      return vertx.timer(100).compose(t -> {
        BusClient.memberLeft(vertx);
        return read;
      }).map(menu -> {
        test.verify(() -> {
          assertThat(menu.getString("vendorId")).isEqualTo("vnd_1");
          assertThat(received.get()).as("sent twice: first lost with the member, then answered").isEqualTo(2);
          assertThat((System.nanoTime() - sent) / 1_000_000).as("not the 5 s deadline").isLessThan(2_000);
          assertThat(FailoverCall.retriableInFlight(vertx)).isZero();
        });
        return menu;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a member leaves while a non-idempotent write is in flight: it is not sent again")
  void writeInFlightIsNeverSentTwice(Vertx vertx, VertxTestContext test) {
    AtomicInteger received = new AtomicInteger();
    Promise<JsonObject> answer = Promise.promise();
    Future<Void> served = BusServer.on(vertx).serveBody(RealtimeAddresses.RIDER_LOCATION, body -> {
      received.incrementAndGet();
      return answer.future();
    }).ready();
    BusClient bus = BusClient.of(vertx);
    served.compose(v -> {
      Future<JsonObject> write = bus.request(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 4.05).put("lng", 9.7), RIDER);
      return vertx.timer(100).compose(t -> {
        BusClient.memberLeft(vertx);
        return vertx.timer(200);
      }).compose(t -> {
        test.verify(() -> assertThat(received.get()).as("the write went out once").isEqualTo(1));
        answer.complete(new JsonObject().put("accepted", true).put("orders", 0));
        return write;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("nobody serves the address: UNAVAILABLE at once, for reads (after their one retry) and writes alike")
  void noHandlersIsUnavailableAtOnce(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    long sent = System.nanoTime();
    bus.request(OrderAddresses.CATALOG_MENU, new JsonObject().put("vendorId", "vnd_1"), USER)
      .<Throwable>map(x -> null).otherwise(e -> e)
      .compose(read -> bus.request(RealtimeAddresses.RIDER_LOCATION, new JsonObject().put("lat", 4.0).put("lng", 9.0), RIDER)
        .<Throwable>map(x -> null).otherwise(e -> e).map(write -> {
          test.verify(() -> {
            assertThat(ErrorCode.of(read)).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(ErrorCode.of(write)).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(((ReplyException) write).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
            assertThat((System.nanoTime() - sent) / 1_000_000).as("not the 5 s deadline").isLessThan(3_000);
          });
          return write;
        }))
      .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("no handler or a request dropped unhandled was never delivered; a write error may have been; a callee's"
    + " own failure or a real timeout is neither")
  void whatCountsAsVanished() {
    assertThat(FailoverCall.neverDelivered(new ReplyException(ReplyFailure.NO_HANDLERS, "none"))).isTrue();
    assertThat(FailoverCall.neverDelivered(new ReplyException(ReplyFailure.TIMEOUT,
      "Discarded the request. address: __vertx.reply.1, repliedAddress: catalog.v1.menu"))).isTrue();
    assertThat(FailoverCall.neverDelivered(new ReplyException(ReplyFailure.TIMEOUT, "Timed out after waiting"))).isFalse();
    assertThat(FailoverCall.vanished(new ReplyException(ReplyFailure.ERROR, "connection lost"))).isTrue();
    assertThat(FailoverCall.vanished(new ReplyException(ReplyFailure.TIMEOUT, "late"))).isFalse();
    assertThat(FailoverCall.vanished(ErrorCode.NOT_FOUND.exception("no such order"))).isFalse();
    assertThat(ErrorCode.of(FailoverCall.coded("a", new ReplyException(ReplyFailure.ERROR, "lost"))))
      .isEqualTo(ErrorCode.UNAVAILABLE);
  }
}
