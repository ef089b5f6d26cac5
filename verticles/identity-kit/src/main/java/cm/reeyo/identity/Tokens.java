package cm.reeyo.identity;

import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JwtCodec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Issues token pairs: an HS256 access token ({@code sub}, {@code role}, {@code typ=access}, {@code sid} = the refresh
 * family, plus {@code iat/exp/iss/aud}) and an opaque refresh token from {@link Sessions}. Answers in the API.md
 * login shape {@code {"token","refreshToken","expiresIn","<user|vendor|rider|admin>"}}.
 */
public final class Tokens {

  private final JwtCodec jwt;
  private final Sessions sessions;
  private final long accessTtlSeconds;

  public Tokens(JwtCodec jwt, Sessions sessions, long accessTtlSeconds) {
    this.jwt = jwt;
    this.sessions = sessions;
    this.accessTtlSeconds = accessTtlSeconds;
  }

  /** Starts a new session (refresh family) for the account and answers the login shape. */
  public Future<JsonObject> login(AccountKind kind, JsonObject account) {
    return sessions.start(kind.role(), account.getString(kind.idField()))
      .map(issued -> answer(kind, account, issued));
  }

  /** The login shape for an already-issued refresh token. */
  public JsonObject answer(AccountKind kind, JsonObject account, Sessions.Issued issued) {
    String access = access(kind, account.getString(kind.idField()), issued.familyId());
    return new JsonObject()
      .put("token", access)
      .put("refreshToken", issued.refreshToken())
      .put("expiresIn", accessTtlSeconds)
      .put(kind.idPrefix(), Accounts.publicView(account));
  }

  /** An access token for one account and session. */
  public String access(AccountKind kind, String accountId, String familyId) {
    return jwt.sign(new JsonObject().put("sub", accountId).put("role", kind.role().name())
      .put("typ", AuthHandler.ACCESS).put("sid", familyId), accessTtlSeconds);
  }

  public long accessTtlSeconds() {
    return accessTtlSeconds;
  }
}
