package cm.reeyo.storage;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** The cursor of {@link FollowUps#stuck}: a shard number and, within it, the due-index key to start after. */
final class StuckCursor {

  private static final Set<String> KEY_FIELDS = Set.of("followUpId", "shard", "due");

  private StuckCursor() {
  }

  static String encode(JsonObject position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names ({@code {shard: 0}} for none); {@link IllegalArgumentException} when it is not ours. */
  static JsonObject decode(String cursor, int shards) {
    if (cursor == null || cursor.isBlank()) {
      return new JsonObject().put("shard", 0);
    }
    try {
      JsonObject at = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      int shard = at.getInteger("shard");
      JsonObject key = at.getJsonObject("key");
      boolean keyOk = key == null || key.fieldNames().equals(KEY_FIELDS) && key.getValue("due") instanceof Number
        && key.getValue("followUpId") instanceof String && key.getValue("shard") instanceof String;
      if (shard < 0 || shard >= shards || !keyOk || at.size() > 2) {
        throw new IllegalArgumentException("cursor is not valid");
      }
      return at;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not valid", e);
    }
  }
}
