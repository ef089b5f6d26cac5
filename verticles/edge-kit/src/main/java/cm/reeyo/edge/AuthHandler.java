package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** Bearer access-token authentication: a verified HS256 access token and a passing {@link SessionCheck}, or 401. */
public final class AuthHandler implements Handler<RoutingContext> {

  public static final String ACCESS = "access";
  private static final String PRINCIPAL = "principal";
  private static final String CLAIMS = "claims";

  private final JwtCodec jwt;
  private final SessionCheck sessions;

  public AuthHandler(JwtCodec jwt, SessionCheck sessions) {
    this.jwt = jwt;
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<String> token = bearer(ctx);
    if (token.isEmpty()) {
      unauthorized(ctx);
      return;
    }
    jwt.verify(token.get())
      .onFailure(invalid -> unauthorized(ctx))
      .onSuccess(claims -> accessPrincipal(claims).ifPresentOrElse(
        principal -> admit(ctx, principal, claims),
        () -> unauthorized(ctx)));
  }

  private void admit(RoutingContext ctx, Principal principal, JsonObject claims) {
    sessions.check(principal, claims)
      .onSuccess(ok -> {
        ctx.put(PRINCIPAL, principal);
        ctx.put(CLAIMS, claims);
        ctx.next();
      })
      .onFailure(ctx::fail);
  }

  private static Optional<Principal> accessPrincipal(JsonObject claims) {
    return ACCESS.equals(claims.getValue("typ")) ? principalOf(claims) : Optional.empty();
  }

  private static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(new ApiError(ErrorCode.UNAUTHORIZED, "A valid access token is required"));
  }

  static Optional<String> bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  static Optional<Principal> principalOf(JsonObject claims) {
    try {
      return Optional.of(new Principal(claims.getString("sub"), Role.valueOf(claims.getString("role"))));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The authenticated caller; only on routes behind this handler. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new ApiError(ErrorCode.UNAUTHORIZED, "A valid access token is required");
    }
    return p;
  }

  public static JsonObject claims(RoutingContext ctx) {
    return ctx.get(CLAIMS);
  }
}
