package cm.reeyo.wallet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Clock;

/**
 * Checks the {@code signature} of a Campay webhook through {@code vertx-auth-jwt}: a JWT signed HS256 with the app's
 * webhook key. The webhook key is the only key {@link JWTAuth} knows, so the algorithm is pinned (none, other HMACs
 * and public-key algorithms are refused); the {@code exp} claim is required and must lie in the future, and the
 * claims must name the webhook's payment (its reference or external reference) and no other. Answers the claims, or
 * a failed future.
 */
public final class WebhookVerifier {

  private static final String ALGORITHM = "HS256";
  private static final int MAX_SIGNATURE_LENGTH = 4096;
  private static final JWTOptions SIGNING = new JWTOptions().setAlgorithm(ALGORITHM).setNoTimestamp(true);

  private final JWTAuth auth;
  private final Clock clock;

  public WebhookVerifier(Vertx vertx, String webhookKey, Clock clock) {
    this.auth = webhookKey == null || webhookKey.isBlank() ? null : jwtAuth(vertx, webhookKey);
    this.clock = clock;
  }

  public Future<JsonObject> verify(String signature, String reference, String externalReference) {
    if (auth == null || signature == null || signature.isEmpty() || signature.length() > MAX_SIGNATURE_LENGTH) {
      return Future.failedFuture(new InvalidSignature());
    }
    return authenticate(signature)
      .map(user -> user.attributes().getJsonObject("accessToken"))
      .compose(c -> notExpired(c) && namesThePayment(c, reference, externalReference)
        ? Future.succeededFuture(c) : Future.failedFuture(new InvalidSignature()));
  }

  /** Signs claims the way Campay does (used by dev tooling and tests that play Campay). */
  public static String sign(Vertx vertx, String webhookKey, JsonObject claims) {
    return jwtAuth(vertx, webhookKey).generateToken(claims.copy(), SIGNING);
  }

  /** Expiry is this class's own check ({@code exp} is optional for Campay), so the provider's is switched off. */
  private static JWTAuth jwtAuth(Vertx vertx, String webhookKey) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(webhookKey))
      .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIgnoreExpiration(true)));
  }

  /** {@link JWTAuth} reads time claims with typed getters that throw on a claim of the wrong JSON type. */
  private Future<User> authenticate(String signature) {
    try {
      return auth.authenticate(new TokenCredentials(signature));
    } catch (RuntimeException wrongType) {
      return Future.failedFuture(new InvalidSignature());
    }
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

  /** A webhook whose signature does not verify; never shown to the caller beyond UNAUTHORIZED. */
  static final class InvalidSignature extends RuntimeException {
    InvalidSignature() {
      super("the webhook signature is not valid", null, false, false);
    }
  }
}
