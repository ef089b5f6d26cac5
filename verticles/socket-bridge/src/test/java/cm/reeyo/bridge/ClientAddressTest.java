package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Client address rules and token handling")
class ClientAddressTest {

  @Test
  @DisplayName("only exact client.<family>.<ascii id> addresses parse; ownership needs the same family and id")
  void parsing() {
    Principal user = new Principal("user_abc", Role.USER);
    assertThat(ClientAddress.parse("client.user.user_abc")).get().satisfies(a -> assertThat(a.isOwnedBy(user)).isTrue());
    assertThat(ClientAddress.parse("client.order.order_1")).get().satisfies(a -> {
      assertThat(a.isOrder()).isTrue();
      assertThat(a.isOwnedBy(user)).isFalse();
    });
    assertThat(ClientAddress.parse("client.vendor.user_abc")).get().satisfies(a -> assertThat(a.isOwnedBy(user)).isFalse());
    assertThat(ClientAddress.parse("client.user.user_ABC")).get().satisfies(a -> assertThat(a.isOwnedBy(user)).isFalse());
    for (String bad : new String[] {"client.user.user_abc.x", "CLIENT.USER.user_abc", "client.user.us\u0435r", "client.user.*",
      "client.user.", "client.admin.x", "client.user.a\nb", "client.user." + "a".repeat(65), null}) {
      assertThat(ClientAddress.parse(bad)).as(String.valueOf(bad)).isEmpty();
    }
    assertThat(ClientAddress.parse("client.user.user_abc").get().address()).isEqualTo("client.user.user_abc");
  }

  @Test
  @DisplayName("the token is read from the query string and never survives redaction")
  void tokens() {
    assertThat(SocketAuth.fromUri("/eventbus/123/abc/websocket?token=a.b.c&x=1")).contains("a.b.c");
    assertThat(SocketAuth.fromUri("/eventbus/websocket?x=1&TOKEN=a%2Eb")).contains("a.b");
    assertThat(SocketAuth.fromUri("/eventbus/websocket")).isEmpty();
    assertThat(SocketAuth.fromUri("/eventbus/websocket?token=")).isEmpty();
    assertThat(SocketAuth.redact("/eventbus/websocket?x=1&token=secret.jwt.value&y=2"))
      .isEqualTo("/eventbus/websocket?x=1&token=***&y=2").doesNotContain("secret");
  }

  @Test
  @DisplayName("replay ids compare by time then sequence, and only well-formed ids are accepted")
  void replayIds() {
    assertThat(ReplayLog.compare("1700000000000-1", "1700000000000-0")).isPositive();
    assertThat(ReplayLog.compare("1700000000000-9", "1700000000001-0")).isNegative();
    assertThat(ReplayLog.isId("1700000000000-0")).isTrue();
    assertThat(ReplayLog.isId("1700000000000")).isFalse();
    assertThat(ReplayLog.isId("-1-0")).isFalse();
    assertThat(ReplayLog.isId("99999999999999999999-0")).isFalse();
  }
}
