package cm.reeyo.edge;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * The budget every {@code /api} request spends, shared by all nodes through Redis ({@link RateLimiter}):
 * <ul>
 *   <li>a request with a valid access token spends its <b>account's</b> budget ({@code rateLimits.account}, default
 *   3,000 per 15 min: a busy vendor or rider app polling and acting all day stays far below it, a stolen token used to
 *   hammer the API does not), whatever address it comes from, so many customers behind one carrier NAT do not share
 *   one budget;</li>
 *   <li>anything else (no token, an expired or forged one) spends its <b>address's</b> budget ({@code rateLimits.global},
 *   default 100 per 15 min), as before.</li>
 * </ul>
 * Sensitive routes keep their own, tighter limits on top (login, OTP, registration, password reset). Paths in
 * {@code rateLimits.global.exemptPaths} (default: the Campay webhook, which arrives from Campay's few addresses and is
 * authenticated by its signature) skip the address budget. The token is only checked for its signature and expiry here;
 * the route's {@link AuthHandler} still decides who may do what.
 */
public final class ApiRateLimit implements Handler<RoutingContext> {

  /** Where the verified subject is kept for the account budget's key. */
  private static final String SUBJECT = "rateLimitSubject";
  private static final Set<String> DEFAULT_EXEMPT = Set.of("/api/v1/payments/campay/webhook");

  private final JwtCodec jwt;
  private final RateLimit account;
  private final RateLimit address;
  private final Set<String> exempt;

  private ApiRateLimit(JwtCodec jwt, RateLimit account, RateLimit address, Set<String> exempt) {
    this.jwt = jwt;
    this.account = account;
    this.address = address;
    this.exempt = exempt;
  }

  /** The step for a node config: {@code rateLimits.account} and {@code rateLimits.global}. */
  public static ApiRateLimit fromConfig(RateLimiter limiter, JsonObject config, JwtCodec jwt, ClientIp clientIp) {
    JsonObject global = config.getJsonObject("rateLimits", new JsonObject()).getJsonObject("global", new JsonObject());
    Set<String> exempt = global.containsKey("exemptPaths")
      ? Set.copyOf(global.getJsonArray("exemptPaths").stream().map(Object::toString).toList()) : DEFAULT_EXEMPT;
    return new ApiRateLimit(jwt,
      RateLimit.fromConfig(limiter, config, "account", 3000, 900, ctx -> ctx.get(SUBJECT)),
      RateLimit.fromConfig(limiter, config, "global", 100, 900, clientIp::of), exempt);
  }

  @Override
  public void handle(RoutingContext ctx) {
    var token = AuthHandler.bearer(ctx);
    if (token.isEmpty()) {
      anonymous(ctx);
      return;
    }
    jwt.verify(token.get()).onComplete(verified -> {
      JsonObject claims = verified.result();
      if (verified.succeeded() && AuthHandler.ACCESS.equals(claims.getValue("typ"))
        && AuthHandler.principalOf(claims).isPresent()) {
        var principal = AuthHandler.principalOf(claims).get();
        ctx.put(SUBJECT, principal.role().name() + ":" + principal.id());
        account.handle(ctx);
      } else {
        anonymous(ctx);
      }
    });
  }

  private void anonymous(RoutingContext ctx) {
    if (exempt.contains(ctx.normalizedPath())) {
      ctx.next();
    } else {
      address.handle(ctx);
    }
  }
}
