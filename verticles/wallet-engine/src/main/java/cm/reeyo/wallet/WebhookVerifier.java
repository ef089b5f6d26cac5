package cm.reeyo.wallet;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the {@code signature} of a Campay webhook: a JWT signed HS256 with the app's webhook key. The algorithm is
 * pinned (anything but HS256 is refused before any signature work), an {@code exp} claim when present must lie in the
 * future, and claims naming a reference must name the webhook's. Answers the claims, or empty.
 */
public final class WebhookVerifier {

  private final byte[] key;
  private final Clock clock;

  public WebhookVerifier(String webhookKey, Clock clock) {
    this.key = webhookKey == null || webhookKey.isBlank() ? null : webhookKey.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  public Optional<JsonObject> verify(String signature, String reference, String externalReference) {
    if (key == null || signature == null || signature.length() > 4096) {
      return Optional.empty();
    }
    String[] parts = signature.split("\\.", -1);
    if (parts.length != 3 || !decode(parts[0]).map(h -> "HS256".equals(h.getValue("alg"))).orElse(false)) {
      return Optional.empty();
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), given)) {
      return Optional.empty();
    }
    return decode(parts[1]).filter(c -> notExpired(c) && names(c, "reference", reference)
      && names(c, "external_reference", externalReference));
  }

  /** Signs claims the way Campay does (used by dev tooling and tests that play Campay). */
  public static String sign(String webhookKey, JsonObject claims) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = header + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    return body + "." + b64(new WebhookVerifier(webhookKey, Clock.systemUTC()).hmac(body));
  }

  private boolean notExpired(JsonObject claims) {
    Object exp = claims.getValue("exp");
    return !(exp instanceof Number n) || n.longValue() > clock.instant().getEpochSecond();
  }

  private static boolean names(JsonObject claims, String field, String expected) {
    Object value = claims.getValue(field);
    return value == null || expected == null || value.toString().equals(expected);
  }

  private byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<JsonObject> decode(String part) {
    try {
      return Optional.of(new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
