package cm.reeyo.storage;

import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Opaque list cursors: the base64url of DynamoDB's LastEvaluatedKey. */
public final class Cursors {

  private Cursors() {
  }

  public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return null;
    }
    return Base64.getUrlEncoder().withoutPadding()
      .encodeToString(Items.toJson(lastEvaluatedKey).encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The start key of a cursor; {@link IllegalArgumentException} for anything that is not one of ours. */
  public static Map<String, AttributeValue> decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      json.forEach(e -> {
        if (!(e.getValue() instanceof String) && !(e.getValue() instanceof Number)) {
          throw new IllegalArgumentException("bad cursor");
        }
      });
      return Items.toItem(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad cursor", e);
    }
  }
}
