package cm.reeyo.storage;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opaque list cursors: the base64url of DynamoDB's LastEvaluatedKey. A cursor read back is checked against the
 * {@link CursorScope} of the query it restarts (exactly its key attributes with their types, the caller's partition,
 * the sort-key prefix), so a forged, truncated, foreign or stale cursor is a VALIDATION_FAILED failure (400) and never
 * reaches DynamoDB, which would answer "the provided starting key is invalid".
 */
public final class Cursors {

  /** Longer cursors are refused unread (ours hold a few ids and a timestamp: ≈ 150 characters). */
  public static final int MAX_LENGTH = 1024;
  private static final int MAX_KEY_VALUE = 256;

  private Cursors() {
  }

  public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return null;
    }
    return Base64.getUrlEncoder().withoutPadding()
      .encodeToString(Items.toJson(lastEvaluatedKey).encode().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The start key of a cursor of {@code scope}; null for no cursor. Anything else fails with
   * {@link ErrorCode#VALIDATION_FAILED} ({@link ReplyException}: a bus reply and a 400 at the edge alike).
   */
  public static Map<String, AttributeValue> decode(String cursor, CursorScope scope) {
    if (cursor == null) {
      return null;
    }
    JsonObject json = parse(cursor);
    Map<String, String> expected = scope.keyTypes();
    if (!json.fieldNames().equals(expected.keySet())) {
      throw invalid();
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    expected.forEach((name, type) -> key.put(name, attribute(json.getValue(name), type)));
    String partitionKey = scope.partitionKey();
    if (partitionKey != null && !scope.partition().equals(json.getValue(partitionKey))) {
      throw invalid();
    }
    if (scope.rangePrefix() != null && !(json.getValue(scope.rangeKey()) instanceof String s
      && s.startsWith(scope.rangePrefix()))) {
      throw invalid();
    }
    return key;
  }

  /** The start key of a cursor of {@code scope}, or a failed future; see {@link #decode(String, CursorScope)}. */
  public static Future<Map<String, AttributeValue>> read(String cursor, CursorScope scope) {
    try {
      return Future.succeededFuture(decode(cursor, scope));
    } catch (ReplyException e) {
      return Future.failedFuture(e);
    }
  }

  private static JsonObject parse(String cursor) {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static AttributeValue attribute(Object value, String type) {
    if ("N".equals(type) && value instanceof Number n) {
      return AttributeValue.fromN(n.toString());
    }
    if ("S".equals(type) && value instanceof String s && !s.isEmpty() && s.length() <= MAX_KEY_VALUE) {
      return AttributeValue.fromS(s);
    }
    throw invalid();
  }

  private static ReplyException invalid() {
    return ErrorCode.VALIDATION_FAILED.exception("cursor is not a cursor of this list");
  }
}
