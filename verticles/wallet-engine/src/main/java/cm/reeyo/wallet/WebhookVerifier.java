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
 * pinned (anything but HS256 is refused before any signature work), the {@code exp} claim must lie in the
 * future and is required, and the claims must name the webhook's payment (its reference or external reference).
 * Answers the claims, or empty.
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
    return decode(parts[1]).filter(c -> notExpired(c) && namesThePayment(c, reference, externalReference));
  }

  /** Signs claims the way Campay does (used by dev tooling and tests that play Campay). */
  public static String sign(String webhookKey, JsonObject claims) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = header + "." + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    return body + "." + b64(new WebhookVerifier(webhookKey, Clock.systemUTC()).hmac(body));
  }

  /** {@code exp} is required: a signature without one would fit forever. */
  private boolean notExpired(JsonObject claims) {
    return claims.getValue("exp") instanceof Number n && n.longValue() > clock.instant().getEpochSecond();
  }

  /**
   * The claims must name this webhook's payment: at least one of {@code reference} / {@code external_reference}
   * equal to the webhook's, and none naming another, so one captured signature never fits a different payment.
   */
  private static boolean namesThePayment(JsonObject claims, String reference, String externalReference) {
    boolean named = matches(claims, "reference", reference) || matches(claims, "external_reference", externalReference);
    return named && consistent(claims, "reference", reference) && consistent(claims, "external_reference", externalReference);
  }

  private static boolean matches(JsonObject claims, String field, String expected) {
    return expected != null && expected.equals(String.valueOf(claims.getValue(field)));
  }

  private static boolean consistent(JsonObject claims, String field, String expected) {
    Object value = claims.getValue(field);
    return value == null || value.toString().equals(expected);
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
