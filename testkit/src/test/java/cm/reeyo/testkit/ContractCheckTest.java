package cm.reeyo.testkit;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.bus.ContractCheck;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("Contract checks in every test")
class ContractCheckTest {

  private static final JsonObject QUERY = new JsonObject().put("orderId", "ord_1").put("principalId", "ven_1").put("role", "VENDOR");

  @Test
  @DisplayName("are on for this module's tests (set by the parent POM)")
  void enabled() {
    assertThat(ContractCheck.enabled()).isTrue();
  }

  @Test
  @DisplayName("a reply of the wrong shape fails the test: party-check answering {party} alone")
  void wrongReplyShapeFails(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    vertx.eventBus().consumer(OrderAddresses.PARTY_CHECK, m -> m.reply(new JsonObject().put("party", true))).completion()
      .compose(v -> bus.request(OrderAddresses.PARTY_CHECK, QUERY))
      .onComplete(test.succeeding(reply -> test.verify(() -> {
        assertThatThrownBy(ContractCheckExtension::failOnViolations)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("orders.v1.party-check: reply breaks the schema")
          .hasMessageContaining("userId");
        test.completeNow();
      })));
  }

  @Test
  @DisplayName("the documented shape passes; an undeclared failure code and an unknown address in our namespaces fail")
  void rightShapePassesOthersFail(Vertx vertx, VertxTestContext test) {
    BusClient bus = BusClient.of(vertx);
    vertx.eventBus().consumer(OrderAddresses.PARTY_CHECK, m -> m.reply(new JsonObject().put("party", false)
        .putNull("userId").putNull("vendorId").putNull("riderId"))).completion()
      .compose(v -> bus.request(OrderAddresses.PARTY_CHECK, QUERY))
      .onComplete(test.succeeding(reply -> test.verify(() -> {
        ContractCheckExtension.failOnViolations();
        vertx.eventBus().consumer(OrderAddresses.ACTIVE_FOR_RIDER, m -> m.fail(ErrorCode.OFFER_TAKEN.busCode(), "no"));
        vertx.eventBus().publish("orders.v1.undocumented", new JsonObject());
        bus.request(OrderAddresses.ACTIVE_FOR_RIDER, new JsonObject().put("riderId", "rdr_1"))
          .onComplete(test.failing(f -> test.verify(() -> {
            assertThatThrownBy(ContractCheckExtension::failOnViolations)
              .hasMessageContaining("orders.v1.active-for-rider: failed with undeclared code OFFER_TAKEN")
              .hasMessageContaining("orders.v1.undocumented: no contract");
            test.completeNow();
          })));
      })));
  }
}
