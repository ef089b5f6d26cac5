package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bus plumbing: one answer for callers, schemas and failures")
class BusPlumbingTest {

  private static final Principal RIDER = new Principal("rdr_1", Role.RIDER);
  private static final Principal USER = new Principal("usr_1", Role.USER);

  @AfterEach
  void forget() {
    Violations.drain();
  }

  private static Future<Void> serveLocation(Vertx vertx) {
    return BusServer.on(vertx).serve(RealtimeAddresses.RIDER_LOCATION,
      r -> Future.succeededFuture(new JsonObject().put("accepted", true).put("orders", 0).put("by", r.caller().id()))).ready();
  }

  @Test
  @DisplayName("a missing principal is UNAUTHORIZED, a role the contract does not list FORBIDDEN, the right one is served")
  void principals(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    JsonObject fix = new JsonObject().put("lat", 4.05).put("lng", 9.76);
    serveLocation(vertx)
      .compose(v -> bus.request(RealtimeAddresses.RIDER_LOCATION, fix).<ErrorCode>map(x -> null).otherwise(ErrorCode::of))
      .compose(missing -> bus.request(RealtimeAddresses.RIDER_LOCATION, fix, USER).<ErrorCode>map(x -> null).otherwise(ErrorCode::of)
        .compose(wrong -> bus.request(RealtimeAddresses.RIDER_LOCATION, fix, RIDER).map(ok -> {
          test.verify(() -> {
            assertThat(missing).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(wrong).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(ok.getString("by")).isEqualTo("rdr_1");
          });
          return ok;
        })))
      .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a body its schema refuses is VALIDATION_FAILED before the handler runs; explicit nulls reach it as absent")
  void schema(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    JsonObject[] seen = new JsonObject[1];
    BusServer.on(vertx).serve(OrderAddresses.LIST, r -> {
        seen[0] = r.body();
        return Future.succeededFuture(new JsonObject().put("items", new io.vertx.core.json.JsonArray()).putNull("nextCursor"));
      }).ready()
      .compose(v -> bus.request(OrderAddresses.LIST, new JsonObject().put("limit", "ten"), USER).<ErrorCode>map(x -> null).otherwise(ErrorCode::of))
      .compose(bad -> bus.request(OrderAddresses.LIST, new JsonObject().put("limit", 5).putNull("cursor"), USER).map(ok -> {
        test.verify(() -> {
          assertThat(bad).isEqualTo(ErrorCode.VALIDATION_FAILED);
          assertThat(seen[0]).isEqualTo(new JsonObject().put("limit", 5));
        });
        return ok;
      }))
      .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a coded failure keeps its code, anything else is INTERNAL; no handler is UNAVAILABLE")
  void failures(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    BusServer.on(vertx)
      .serveAs(WalletAddresses.BALANCE, (p, b) -> Future.failedFuture(ErrorCode.CONFLICT.exception("busy")))
      .serveAs(WalletAddresses.TRANSACTIONS, (p, b) -> {
        throw new IllegalStateException("bug");
      })
      .ready()
      .compose(v -> bus.request(WalletAddresses.BALANCE, new JsonObject(), USER).<ErrorCode>map(x -> null).otherwise(ErrorCode::of))
      .compose(busy -> bus.request(WalletAddresses.TRANSACTIONS, new JsonObject(), USER).<ErrorCode>map(x -> null).otherwise(ErrorCode::of)
        .compose(bug -> bus.request(WalletAddresses.STATS, new JsonObject(), new Principal("adm", Role.ADMIN))
          .<ErrorCode>map(x -> null).otherwise(ErrorCode::of).map(none -> {
            test.verify(() -> {
              assertThat(busy).isEqualTo(ErrorCode.CONFLICT);
              assertThat(bug).isEqualTo(ErrorCode.INTERNAL);
              assertThat(none).isEqualTo(ErrorCode.UNAVAILABLE);
            });
            return none;
          })))
      .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a request waits the contract's timeout (party-check: 3 s) and then fails TIMEOUT")
  void timeout(Vertx vertx, VertxTestContext test) {
    long started = System.currentTimeMillis();
    vertx.eventBus().consumer(OrderAddresses.PARTY_CHECK, m -> { }).completion()
      .compose(v -> BusClient.of(vertx).request(OrderAddresses.PARTY_CHECK,
        new JsonObject().put("orderId", "o").put("principalId", "p").put("role", "USER")))
      .onComplete(test.failing(f -> test.verify(() -> {
        assertThat(ErrorCode.of(f)).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(System.currentTimeMillis() - started).isBetween(2_900L, 10_000L);
        test.completeNow();
      })));
  }
}
