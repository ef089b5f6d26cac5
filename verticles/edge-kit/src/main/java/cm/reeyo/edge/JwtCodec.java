package cm.reeyo.edge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
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
 * HS256 JSON Web Tokens with the algorithm pinned: a header naming anything but HS256 is refused before any
 * signature work, and {@code sub}, {@code role}, {@code typ}, {@code iat}, {@code exp}, {@code iss}, {@code aud}
 * are all required.
 */
public final class JwtCodec {

  public static final int MIN_SECRET_LENGTH = 32;
  private static final String HEADER = Base64.getUrlEncoder().withoutPadding()
    .encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final byte[] secret;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public JwtCodec(String secret, String issuer, String audience, Clock clock) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("the JWT secret must have at least " + MIN_SECRET_LENGTH + " characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  public static JwtCodec fromConfig(JsonObject jwt) {
    return new JwtCodec(jwt.getString("secret"), jwt.getString("issuer", "reeyo"),
      jwt.getString("audience", "reeyo-apps"), Clock.systemUTC());
  }

  /** Signs {@code claims} after adding {@code iss}, {@code aud}, {@code iat} and {@code exp = iat + ttl}. */
  public String sign(JsonObject claims, long ttlSeconds) {
    long now = clock.instant().getEpochSecond();
    JsonObject payload = claims.copy().put("iss", issuer).put("aud", audience).put("iat", now).put("exp", now + ttlSeconds);
    String body = HEADER + "." + b64(payload.encode().getBytes(StandardCharsets.UTF_8));
    return body + "." + b64(hmac(body));
  }

  /** The verified claims, or empty for any token that is not ours, not well-formed, or not valid now. */
  public Optional<JsonObject> verify(String token) {
    if (token == null || token.length() > 4096) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !isHs256(parts[0])) {
      return Optional.empty();
    }
    byte[] expected = hmac(parts[0] + "." + parts[1]);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    return decode(parts[1]).filter(this::claimsValid);
  }

  private boolean isHs256(String headerPart) {
    return decode(headerPart)
      .map(h -> "HS256".equals(h.getValue("alg")) && (h.getValue("typ") == null || "JWT".equals(h.getValue("typ")))
        && h.getValue("crit") == null)
      .orElse(false);
  }

  private boolean claimsValid(JsonObject c) {
    long now = clock.instant().getEpochSecond();
    return c.getValue("sub") instanceof String sub && !sub.isBlank()
      && c.getValue("role") instanceof String
      && c.getValue("typ") instanceof String
      && c.getValue("iat") instanceof Number iat && iat.longValue() <= now + 60
      && c.getValue("exp") instanceof Number exp && exp.longValue() > now
      && issuer.equals(c.getValue("iss"))
      && audienceMatches(c.getValue("aud"));
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String s) {
      return audience.equals(s);
    }
    return aud instanceof JsonArray list && list.contains(audience);
  }

  private static Optional<JsonObject> decode(String part) {
    try {
      return Optional.of(new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
