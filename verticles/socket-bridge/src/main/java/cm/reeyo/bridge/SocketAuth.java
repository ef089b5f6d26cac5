package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Socket authentication: an HS256 access token ({@code typ} = access) from the {@code token} query parameter of the
 * connection URL, a {@code token} header of the handshake, or a {@code token} header of a frame. A token whose session
 * ({@code sid}) has been ended (logout, suspension, password change) is refused while its Redis mark lives; if Redis
 * cannot answer, the signature and expiry alone decide (Redis is a cache that can vanish).
 */
final class SocketAuth {

  static final String TOKEN = "token";
  private static final Pattern TOKEN_IN_QUERY = Pattern.compile("(?i)([?&]token=)[^&#]*");

  private final JwtCodec jwt;
  private final RedisAPI redis;

  SocketAuth(JwtCodec jwt, RedisAPI redis) {
    this.jwt = jwt;
    this.redis = redis;
  }

  /** A verified principal with the token's expiry, or empty for anything not a valid access token of a live session now. */
  Future<Optional<Authenticated>> verify(String token) {
    return jwt.verify(token)
      .map(claims -> Optional.of(claims)
        .filter(c -> "access".equals(c.getValue("typ")))
        .flatMap(SocketAuth::authenticated))
      .otherwise(Optional.empty())
      .compose(this::unlessEnded);
  }

  private Future<Optional<Authenticated>> unlessEnded(Optional<Authenticated> who) {
    if (who.isEmpty() || who.get().sessionId() == null) {
      return Future.succeededFuture(who);
    }
    return redis.exists(java.util.List.of(RedisKeys.sessionEnded(who.get().sessionId())))
      .map(count -> count != null && count.toInteger() > 0 ? Optional.<Authenticated>empty() : who)
      .otherwise(who);
  }

  /** The {@code token} query parameter of a socket URI, if any. */
  static Optional<String> fromUri(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    int q = uri.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : uri.substring(q + 1).split("&")) {
      if (pair.regionMatches(true, 0, TOKEN + "=", 0, TOKEN.length() + 1)) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(TOKEN.length() + 1), StandardCharsets.UTF_8))
            .filter(t -> !t.isEmpty());
        } catch (IllegalArgumentException e) {
          return Optional.of("");
        }
      }
    }
    return Optional.empty();
  }

  /** The URI with any token value replaced, fit for a log line. */
  static String redact(String uri) {
    return uri == null ? null : TOKEN_IN_QUERY.matcher(uri).replaceAll("$1***");
  }

  private static Optional<Authenticated> authenticated(JsonObject claims) {
    try {
      Principal principal = new Principal(claims.getString("sub"), Role.valueOf(claims.getString("role")));
      String sid = claims.getValue("sid") instanceof String s ? s : null;
      return Optional.of(new Authenticated(principal, claims.getLong("exp") * 1000, sid));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** Who a token stands for, when it stops being valid (epoch ms) and its session (null when it names none). */
  record Authenticated(Principal principal, long expiresAtMs, String sessionId) {
  }
}
