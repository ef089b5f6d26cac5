package cm.reeyo.storage.geo;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Where a nearby walk stopped: the last vendor's sort key (group, distance, id), the instant open-ness is judged at,
 * a fetch-size hint and the scope of the question. Opaque base64url JSON like {@code Cursors}; a cursor that is not
 * exactly this shape, or was made for another question, is VALIDATION_FAILED (400).
 */
record NearbyCursor(int group, double distance, String vendorId, long at, int fetch, String scope) {

  private static final Set<String> FIELDS = Set.of("g", "d", "id", "at", "k", "q");
  private static final int MAX_LENGTH = 512;

  String encode() {
    JsonObject json = new JsonObject().put("g", group).put("d", distance).put("id", vendorId).put("at", at)
      .put("k", fetch).put("q", scope);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static String scopeOf(NearbyQuery query) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(query.scope().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cursor of {@code query}, null when it has none; anything else fails with VALIDATION_FAILED. */
  static NearbyCursor decode(NearbyQuery query) {
    String raw = query.cursor();
    if (raw == null) {
      return null;
    }
    JsonObject json;
    try {
      if (raw.isEmpty() || raw.length() > MAX_LENGTH) {
        throw invalid();
      }
      json = new JsonObject(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw invalid();
    }
    if (!json.fieldNames().equals(FIELDS) || !(json.getValue("g") instanceof Integer g) || (g != 0 && g != 1)
      || !(json.getValue("d") instanceof Number d) || !(json.getValue("id") instanceof String id)
      || id.isEmpty() || id.length() > 100 || !(json.getValue("at") instanceof Number at)
      || !(json.getValue("k") instanceof Integer k) || k < 1 || k > 1_000_000
      || !scopeOf(query).equals(json.getValue("q"))) {
      throw invalid();
    }
    return new NearbyCursor(g, d.doubleValue(), id, at.longValue(), k, scopeOf(query));
  }

  private static ReplyException invalid() {
    return ErrorCode.VALIDATION_FAILED.exception("cursor is not a cursor of this list");
  }
}
