package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bus contracts")
class BusContractsTest {

  private final BusContracts contracts = BusContracts.get();

  @Test
  @DisplayName("every address constant has a contract, and every contract an address constant or family")
  void everyAddressHasAContract() throws IllegalAccessException {
    List<String> constants = new ArrayList<>();
    for (Class<?> c : List.of(OrderAddresses.class, WalletAddresses.class, NotifyAddresses.class, OpsAddresses.class,
      RealtimeAddresses.class, ClientAddresses.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          constants.add((String) f.get(null));
        }
      }
    }
    constants.remove(OpsAddresses.CLUSTER_VIEW);
    assertThat(constants).allSatisfy(a -> assertThat(contracts.find(a)).as(a).isPresent());
    assertThat(contracts.find(ClientAddresses.user("usr_1"))).map(Contract::kind).contains(Kind.CLIENT_EVENT);
    assertThat(contracts.find(ClientAddresses.order("ord_1"))).isPresent();
    assertThat(contracts.find(OpsAddresses.nodeScale("a1b2-c3d4"))).map(Contract::kind).contains(Kind.REQUEST_REPLY);
    assertThat(contracts.find("ops.v1.node.a1b2.c3d4.scale")).as("one node id, not a path").isEmpty();
    assertThat(contracts.find("client.user.")).isEmpty();
  }

  @Test
  @DisplayName("request-reply contracts have a timeout, a reply schema and schemas that compile; examples conform")
  void schemasCompileAndExamplesConform() {
    assertThat(contracts.all()).hasSizeGreaterThan(45).allSatisfy(c -> {
      assertThat(c.checkRequest(new JsonObject().put("__probe", 1))).isNotNull();
      if (c.kind() == Kind.REQUEST_REPLY) {
        assertThat(c.timeoutMs()).as(c.address()).isPositive();
        assertThat(c.replySchema()).as(c.address()).isNotNull();
      }
      if (c.example() != null) {
        assertThat(c.checkRequest(c.example().getValue("request"))).as(c.address()).isEmpty();
        assertThat(c.checkReply(c.example().getValue("reply"))).as(c.address()).isEmpty();
      }
    });
  }

  @Test
  @DisplayName("party-check replies must name the order's parties: {party} alone breaks the schema")
  void partyCheckReplyNamesTheParties() {
    Contract c = contracts.of(OrderAddresses.PARTY_CHECK);
    assertThat(c.checkReply(new JsonObject().put("party", true))).hasValueSatisfying(p -> assertThat(p).contains("userId"));
    assertThat(c.checkReply(new JsonObject().put("party", false).putNull("userId").putNull("vendorId").putNull("riderId"))).isEmpty();
  }
}
