package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.edge.SessionCheck;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What an access token must still satisfy on every request: its account exists and is ACTIVE, the token was issued
 * no earlier than the account's {@code tokensValidAfter}, and its session ({@code sid}) has not been ended. The
 * account's status is cached in Redis for {@code identity.statusCacheSeconds} (≤ 30 s) and the cache entry is
 * dropped by every change that must take effect at once (suspension, password change), so those do.
 */
public final class AccountSessionCheck implements SessionCheck {

  /** {@code identity.statusCacheSeconds}: how long an account's status may be served from Redis (default 30). */
  public static final String CONF_CACHE_SECONDS = "statusCacheSeconds";
  public static final int DEFAULT_CACHE_SECONDS = 30;

  private final RedisAPI redis;
  private final Accounts accounts;
  private final int cacheSeconds;

  public AccountSessionCheck(RedisAPI redis, Accounts accounts, JsonObject identityConfig) {
    this.redis = redis;
    this.accounts = accounts;
    this.cacheSeconds = Math.min(30, Math.max(1, identityConfig.getInteger(CONF_CACHE_SECONDS, DEFAULT_CACHE_SECONDS)));
  }

  @Override
  public Future<Void> check(Principal principal, JsonObject claims) {
    AccountKind kind = AccountKind.of(principal.role());
    String sid = claims.getValue("sid") instanceof String s ? s : null;
    List<String> keys = new ArrayList<>(List.of(statusKey(kind, principal.id())));
    if (sid != null) {
      keys.add(revokedKey(sid));
    }
    boolean[] ended = {false};
    return redis.mget(keys)
      .compose(reply -> {
        ended[0] = sid != null && reply.get(1) != null;
        Response cached = reply.get(0);
        return cached != null ? Future.succeededFuture(Optional.of(new JsonObject(cached.toString())))
          : load(kind, principal.id());
      }, redisDown -> load(kind, principal.id()))
      .compose(state -> verdict(state, claims, ended[0]));
  }

  private Future<Optional<JsonObject>> load(AccountKind kind, String id) {
    return accounts.find(kind, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      JsonObject state = new JsonObject().put("status", found.get().getString("status", "ACTIVE"))
        .put("tva", found.get().getLong("tokensValidAfter", 0L));
      return redis.set(List.of(statusKey(kind, id), state.encode(), "EX", String.valueOf(cacheSeconds)))
        .map(ok -> Optional.of(state))
        .otherwise(Optional.of(state));
    });
  }

  private static Future<Void> verdict(Optional<JsonObject> state, JsonObject claims, boolean sessionEnded) {
    if (state.isEmpty()) {
      return Future.failedFuture(ErrorCode.UNAUTHORIZED.exception("The account no longer exists"));
    }
    if (!"ACTIVE".equals(state.get().getString("status"))) {
      return Future.failedFuture(ErrorCode.ACCOUNT_SUSPENDED.exception("This account is suspended"));
    }
    if (sessionEnded) {
      return Future.failedFuture(ErrorCode.UNAUTHORIZED.exception("This session has ended; log in again"));
    }
    if (claims.getLong("iat", 0L) < state.get().getLong("tva", 0L)) {
      return Future.failedFuture(ErrorCode.UNAUTHORIZED.exception("This token was ended by a password change; log in again"));
    }
    return Future.succeededFuture();
  }

  /** Drops the cached status of an account; call after any change to its status or {@code tokensValidAfter}. */
  public static Future<Void> invalidate(RedisAPI redis, AccountKind kind, String id) {
    return redis.del(List.of(statusKey(kind, id))).mapEmpty();
  }

  /** Ends the access tokens of these sessions at once (for as long as an access token can live). */
  public static Future<Void> endSessions(RedisAPI redis, Collection<String> familyIds, long accessTtlSeconds) {
    List<Future<Response>> writes = familyIds.stream()
      .map(f -> redis.set(List.of(revokedKey(f), "1", "EX", String.valueOf(Math.max(1, accessTtlSeconds)))))
      .toList();
    return Future.all(writes).mapEmpty();
  }

  static String statusKey(AccountKind kind, String id) {
    return "auth:acct:" + kind.name() + ":" + id;
  }

  static String revokedKey(String sid) {
    return cm.reeyo.storage.RedisKeys.sessionEnded(sid);
  }
}
