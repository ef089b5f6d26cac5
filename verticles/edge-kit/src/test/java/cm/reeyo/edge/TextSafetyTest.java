package cm.reeyo.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Text that may be stored")
class TextSafetyTest {

  @Test
  @DisplayName("letters, accents, emoji, tabs and new lines pass; NUL, BEL, DEL, C1 controls and lone surrogates do not")
  void characters() {
    assertThat(TextSafety.isSafe("Ndolé à Douala 😀\tline\r\nnext")).isTrue();
    for (String bad : new String[] {"a\u0000", "\u0007", "x\u007F", "\u0085", "\uD800", "a\uDC00b", "\uD83D"}) {
      assertThat(TextSafety.isSafe(bad)).as(bad.codePoints().mapToObj(Integer::toHexString).toList().toString()).isFalse();
    }
  }

  @Test
  @DisplayName("the first unsafe value is named by its path, at any depth, field names included")
  void paths() {
    JsonObject body = new JsonObject().put("name", "Amina")
      .put("address", new JsonObject().put("street", "Rue \u0000 1"))
      .put("items", new JsonArray().add(new JsonObject().put("note", "ok")).add(new JsonObject().put("note", "\uDFFF")));
    assertThat(TextSafety.firstUnsafe(body)).isEqualTo("address.street");
    body.getJsonObject("address").put("street", "Rue 1");
    assertThat(TextSafety.firstUnsafe(body)).isEqualTo("items[1].note");
    body.getJsonArray("items").getJsonObject(1).put("note", "fine");
    assertThat(TextSafety.firstUnsafe(body)).isNull();
    assertThat(TextSafety.firstUnsafe(new JsonObject().put("bad\u0001key", 1))).isEqualTo("(field name)");
  }
}
