package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A service allowed on the bus through the TCP bridge: its id, the SHA-256 of its key (absent when it may only log in
 * with a service JWT) and what it may send to, publish to and listen on.
 *
 * <p>Config: {@code {"id", "key" | "keySha256", "send": [rule], "publish": [rule], "listen": [rule]}} where a rule
 * is an exact address or {@code {"regex": "..."}} ({@link AddressRules}). {@code keySha256} (hex) keeps the key
 * itself out of configuration files; {@code key} is for dev.
 */
record ServiceAccount(String id, byte[] keyDigest, AddressRules send, AddressRules publish, AddressRules listen) {

  static final int MIN_KEY_LENGTH = 24;

  static ServiceAccount from(JsonObject json) {
    String id = json.getString("id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("tcpBridge.accounts: every account needs an id");
    }
    String where = "tcpBridge.accounts[" + id + "]";
    return new ServiceAccount(id, digestOf(json, where),
      AddressRules.from(json.getJsonArray("send"), where + ".send"),
      AddressRules.from(json.getJsonArray("publish"), where + ".publish"),
      AddressRules.from(json.getJsonArray("listen"), where + ".listen"));
  }

  /** Constant-time comparison of {@code key} with this account's key; false when the account has none. */
  boolean keyMatches(String key) {
    return keyDigest != null && key != null && MessageDigest.isEqual(keyDigest, sha256(key));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digestOf(JsonObject json, String where) {
    String key = json.getString("key");
    String hash = json.getString("keySha256");
    if (key != null) {
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException(where + ".key must have at least " + MIN_KEY_LENGTH + " characters");
      }
      return sha256(key);
    }
    if (hash != null) {
      byte[] digest = HexFormat.of().parseHex(hash);
      if (digest.length != 32) {
        throw new IllegalArgumentException(where + ".keySha256 must be 64 hex digits");
      }
      return digest;
    }
    return null;
  }
}
