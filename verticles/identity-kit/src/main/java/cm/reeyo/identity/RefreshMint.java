package cm.reeyo.identity;

import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Making refresh tokens ({@code rt_<tokenId>.<secret>}) and their stored records (only the secret's SHA-256): a random
 * one for a new login, or the successor of a presented token, derived by HMAC-SHA256 under a key from the JWT secret so
 * that every node derives the same successor and nobody without the presented token can ({@link Sessions} reuse grace).
 */
final class RefreshMint {

  static final String PREFIX = "rt_";

  private final long ttlSeconds;
  private final long adminTtlSeconds;
  private final byte[] successorKey;
  private final SecureRandom random = new SecureRandom();

  /** {@code secret} null: a random successor key (successors then agree on this node only). */
  RefreshMint(long ttlSeconds, long adminTtlSeconds, String secret) {
    this.ttlSeconds = ttlSeconds;
    this.adminTtlSeconds = adminTtlSeconds;
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.successorKey = secret == null ? key : ("refresh-successor|" + secret).getBytes(StandardCharsets.UTF_8);
  }

  /** A token to store ({@code item}) and to show once ({@code issued}). */
  record Minted(JsonObject item, Sessions.Issued issued) {
  }

  Minted mint(Role role, String accountId, String familyId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return mint(role, accountId, familyId, UUID.randomUUID().toString().replace("-", ""),
      Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The successor of a presented (genuine) token: the same for every request presenting it, unknown to anyone else. */
  Minted successor(Role role, JsonObject item, String presented) {
    byte[] id = hmac("id|" + presented);
    byte[] secret = hmac("secret|" + presented);
    return mint(role, item.getString("accountId"), item.getString("familyId"), HexFormat.of().formatHex(id, 0, 16),
      Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  private byte[] hmac(String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(successorKey, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Minted mint(Role role, String accountId, String familyId, String tokenId, String secretText) {
    Instant now = Instant.now();
    JsonObject item = new JsonObject().put("tokenId", tokenId).put("familyId", familyId).put("accountId", accountId)
      .put("role", role.name()).put("secretHash", sha256(secretText)).put("status", Sessions.ACTIVE)
      .put("createdAt", Timestamps.format(now))
      .put("expiresAt", now.getEpochSecond() + (role == Role.ADMIN ? adminTtlSeconds : ttlSeconds));
    return new Minted(item, new Sessions.Issued(PREFIX + tokenId + "." + secretText, familyId));
  }

  static Optional<String[]> parse(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
      return Optional.empty();
    }
    String[] parts = presented.substring(PREFIX.length()).split("\\.", -1);
    return parts.length == 2 && parts[0].matches("[0-9a-f]{32}") && !parts[1].isEmpty()
      ? Optional.of(parts) : Optional.empty();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
