package cm.reeyo.tcpbridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured service accounts and how a connection proves it is one of them, from the headers of its first frame:
 * {@code serviceId} + {@code serviceKey}, or {@code token}, a service JWT (HS256 with {@code tcpBridge.serviceJwt.secret},
 * {@code typ} = {@code service}, {@code sub} = the account id, {@code exp} required). Permissions always come from
 * the configuration, never from the token.
 */
final class ServiceAccounts {

  static final String SERVICE_ID = "serviceId";
  static final String SERVICE_KEY = "serviceKey";
  static final String TOKEN = "token";

  private final Map<String, ServiceAccount> byId = new LinkedHashMap<>();
  private final JWTAuth jwt;

  ServiceAccounts(JsonArray accounts, JWTAuth jwt) {
    this.jwt = jwt;
    for (Object entry : accounts == null ? new JsonArray() : accounts) {
      if (!(entry instanceof JsonObject json)) {
        throw new IllegalArgumentException("tcpBridge.accounts: every entry is an object");
      }
      ServiceAccount account = ServiceAccount.from(json);
      if (account.keyDigest() == null && jwt == null) {
        throw new IllegalArgumentException("tcpBridge.accounts[" + account.id() + "] has no key and no serviceJwt is set");
      }
      if (byId.put(account.id(), account) != null) {
        throw new IllegalArgumentException("tcpBridge.accounts: duplicate id " + account.id());
      }
    }
  }

  Collection<ServiceAccount> all() {
    return byId.values();
  }

  /** Whether these frame headers carry credentials of any kind. */
  static boolean carriesCredentials(JsonObject headers) {
    return headers != null && (headers.containsKey(TOKEN) || headers.containsKey(SERVICE_ID) || headers.containsKey(SERVICE_KEY));
  }

  /** Who a connection proved to be, and until when (epoch ms; {@link Long#MAX_VALUE} for a key). */
  record Login(ServiceAccount account, long expiresAtMs) {
  }

  /** The account these frame headers prove, or a failed future. */
  Future<Login> login(JsonObject headers) {
    if (headers == null) {
      return Future.failedFuture("no credentials");
    }
    if (headers.getValue(TOKEN) instanceof String token) {
      return byToken(token);
    }
    Optional<ServiceAccount> account = headers.getValue(SERVICE_ID) instanceof String id
      && headers.getValue(SERVICE_KEY) instanceof String key
      ? Optional.ofNullable(byId.get(id)).filter(a -> a.keyMatches(key)) : Optional.empty();
    return account.map(a -> Future.succeededFuture(new Login(a, Long.MAX_VALUE)))
      .orElseGet(() -> Future.failedFuture("bad credentials"));
  }

  private Future<Login> byToken(String token) {
    if (jwt == null) {
      return Future.failedFuture("service tokens are not enabled");
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
      ServiceAccount account = byId.get(claims.getString("sub"));
      boolean valid = account != null && "service".equals(claims.getValue("typ")) && claims.getValue("exp") instanceof Number;
      return valid ? Future.succeededFuture(new Login(account, claims.getLong("exp") * 1000))
        : Future.failedFuture("bad token");
    });
  }
}
