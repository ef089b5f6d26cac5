package cm.reeyo.identity;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The one path that ends every session of an account at once (password change, password reset): its refresh
 * sessions are revoked, the access tokens of those sessions (and of {@code alsoEnded}, e.g. the caller's own) stop
 * at once, and the cached account status is dropped so a new {@code tokensValidAfter} takes effect on the next call.
 */
final class SessionEnding {

  private SessionEnding() {
  }

  static Future<Void> endAll(Identity identity, AccountKind kind, String accountId, Collection<String> alsoEnded) {
    var redis = identity.api().redis().api();
    return identity.sessions().revokeAccount(accountId, null)
      .compose(families -> {
        Set<String> ended = new HashSet<>(families);
        ended.addAll(alsoEnded);
        return AccountSessionCheck.endSessions(redis, ended, identity.tokens().accessTtlSeconds());
      })
      .compose(v -> AccountSessionCheck.invalidate(redis, kind, accountId));
  }
}
