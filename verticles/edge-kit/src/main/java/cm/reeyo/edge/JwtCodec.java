package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * HS256 JSON Web Tokens through {@code vertx-auth-jwt}, with the algorithm pinned: a header naming anything but HS256
 * (or carrying {@code crit}) is refused before any signature work, the only key known to {@link JWTAuth} is the HS256
 * secret, and {@code sub}, {@code role}, {@code typ}, {@code iat}, {@code exp}, {@code iss}, {@code aud} are all
 * required. {@code exp} is checked strictly (no leeway); {@code iat} may lie up to {@link #MAX_CLOCK_SKEW_SECONDS} in
 * the future, for nodes whose clocks differ slightly.
 */
public final class JwtCodec {

  public static final int MIN_SECRET_LENGTH = 32;
  public static final int MAX_CLOCK_SKEW_SECONDS = 60;
  static final String ALGORITHM = "HS256";
  private static final int MAX_TOKEN_LENGTH = 4096;
  private static final JWTOptions SIGNING = new JWTOptions().setAlgorithm(ALGORITHM).setNoTimestamp(true);

  private final JWTAuth auth;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public JwtCodec(Vertx vertx, String secret, String issuer, String audience, Clock clock) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("the JWT secret must have at least " + MIN_SECRET_LENGTH + " characters");
    }
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
      .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(issuer).addAudience(audience)
        .setLeeway(MAX_CLOCK_SKEW_SECONDS)));
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  public static JwtCodec fromConfig(Vertx vertx, JsonObject jwt) {
    return new JwtCodec(vertx, jwt.getString("secret"), jwt.getString("issuer", "reeyo"),
      jwt.getString("audience", "reeyo-apps"), Clock.systemUTC());
  }

  /** Signs {@code claims} after adding {@code iss}, {@code aud}, {@code iat} and {@code exp = iat + ttl}. */
  public String sign(JsonObject claims, long ttlSeconds) {
    long now = clock.instant().getEpochSecond();
    JsonObject payload = claims.copy().put("iss", issuer).put("aud", audience).put("iat", now).put("exp", now + ttlSeconds);
    return auth.generateToken(payload, SIGNING);
  }

  /**
   * The verified claims; a failed future for any token that is not ours, not well-formed, or not valid now. The
   * failure's message says why, for logs at debug level; callers answer every failure the same way.
   */
  public Future<JsonObject> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !pinnedHeader(token)) {
      return Future.failedFuture(new InvalidToken("malformed token or algorithm other than " + ALGORITHM));
    }
    return authenticate(token)
      .map(JwtCodec::claimsOf)
      .compose(claims -> claimsValid(claims) ? Future.succeededFuture(claims)
        : Future.failedFuture(new InvalidToken("a required claim is missing, expired or not ours")));
  }

  /** {@link JWTAuth} reads some claims with typed getters that throw on a claim of the wrong JSON type. */
  private Future<User> authenticate(String token) {
    try {
      return auth.authenticate(new TokenCredentials(token));
    } catch (RuntimeException wrongType) {
      return Future.failedFuture(new InvalidToken("a claim has the wrong type"));
    }
  }

  private static JsonObject claimsOf(User user) {
    return user.attributes().getJsonObject("accessToken");
  }

  private static boolean pinnedHeader(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || token.chars().filter(c -> c == '.').count() != 2) {
      return false;
    }
    return decode(token.substring(0, dot))
      .map(h -> ALGORITHM.equals(h.getValue("alg")) && (h.getValue("typ") == null || "JWT".equals(h.getValue("typ")))
        && h.getValue("crit") == null)
      .orElse(false);
  }

  private boolean claimsValid(JsonObject c) {
    long now = clock.instant().getEpochSecond();
    return c.getValue("sub") instanceof String sub && !sub.isBlank()
      && c.getValue("role") instanceof String
      && c.getValue("typ") instanceof String
      && c.getValue("iat") instanceof Number iat && iat.longValue() <= now + MAX_CLOCK_SKEW_SECONDS
      && c.getValue("exp") instanceof Number exp && exp.longValue() > now
      && issuer.equals(c.getValue("iss"));
  }

  private static Optional<JsonObject> decode(String part) {
    try {
      return Optional.of(new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** Why a token was refused; never shown to clients. */
  public static final class InvalidToken extends RuntimeException {
    InvalidToken(String message) {
      super(message, null, false, false);
    }
  }
}
