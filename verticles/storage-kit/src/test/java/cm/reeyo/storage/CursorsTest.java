package cm.reeyo.storage;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("List cursors fit only the query they were made for")
class CursorsTest {

  private static final CursorScope ALICE = CursorScope.query(CoreTables.ORDERS_TABLE, "userId-index", "user_alice");
  private static final Map<String, AttributeValue> KEY = Map.of("orderId", Items.s("ord_1"), "userId", Items.s("user_alice"),
    "createdAt", Items.s("2026-12-07T10:00:00Z"));

  @Test
  @DisplayName("a cursor made from a query's last key restarts that query")
  void roundTrip() {
    assertThat(Cursors.decode(Cursors.encode(KEY), ALICE)).isEqualTo(KEY);
    assertThat(Cursors.decode(null, ALICE)).isNull();
  }

  @Test
  @DisplayName("garbage, wrong JSON, wrong keys, wrong types, another user, another index, truncated, over-long → VALIDATION_FAILED")
  void refused() {
    String good = Cursors.encode(KEY);
    String[] corpus = {
      "", "%%%", "eyJ4IjoxfQ==", b64("[1,2]"), b64("\"s\""), b64("{}"), b64("{\"orderId\":\"ord_1\"}"),
      b64(new JsonObject().put("orderId", 1).put("userId", "user_alice").put("createdAt", "x").encode()),
      b64(new JsonObject().put("orderId", "o").put("userId", "user_alice").put("createdAt", new JsonObject()).encode()),
      b64(new JsonObject().put("orderId", "").put("userId", "user_alice").put("createdAt", "x").encode()),
      b64(Items.toJson(KEY).put("extra", "x").encode()),
      Cursors.encode(Map.of("orderId", Items.s("ord_1"), "userId", Items.s("user_bob"), "createdAt", Items.s("x"))),
      Cursors.encode(Map.of("orderId", Items.s("ord_1"), "vendorId", Items.s("user_alice"), "createdAt", Items.s("x"))),
      good.substring(0, good.length() / 2), good.substring(1), good + "x".repeat(Cursors.MAX_LENGTH),
    };
    for (String cursor : corpus) {
      assertThatThrownBy(() -> Cursors.decode(cursor, ALICE)).as(cursor)
        .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
  }

  @Test
  @DisplayName("a query narrowed to a sort-key prefix refuses a cursor outside it; a scan takes only the table key")
  void prefixAndScan() {
    CursorScope actor = CursorScope.query(CoreTables.AUDIT_TABLE, "actor-index", "admin_1").rangeStartingWith("2026-12-07");
    Map<String, AttributeValue> inside = Map.of("auditId", Items.s("a1"), "actorId", Items.s("admin_1"),
      "createdAt", Items.s("2026-12-07T09:00:00Z"));
    Map<String, AttributeValue> outside = Map.of("auditId", Items.s("a1"), "actorId", Items.s("admin_1"),
      "createdAt", Items.s("2026-12-06T09:00:00Z"));
    assertThat(Cursors.decode(Cursors.encode(inside), actor)).isEqualTo(inside);
    assertThatThrownBy(() -> Cursors.decode(Cursors.encode(outside), actor))
      .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.VALIDATION_FAILED));
    CursorScope scan = CursorScope.scan(CoreTables.VENDORS_TABLE);
    assertThat(Cursors.decode(Cursors.encode(Map.of("vendorId", Items.s("v1"))), scan)).containsKey("vendorId");
    assertThatThrownBy(() -> Cursors.decode(Cursors.encode(KEY), scan))
      .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.VALIDATION_FAILED));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
