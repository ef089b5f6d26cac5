package cm.reeyo.edge;

import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What an access token must still satisfy after its signature and claims verify: the account exists, is not
 * suspended, and the token was issued after the account's last "end all sessions". Fails with a coded error.
 */
@FunctionalInterface
public interface SessionCheck {

  Future<Void> check(Principal principal, JsonObject claims);

  static SessionCheck none() {
    return (principal, claims) -> Future.succeededFuture();
  }
}
