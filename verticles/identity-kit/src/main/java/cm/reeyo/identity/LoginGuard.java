package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.RateLimitedError;
import cm.reeyo.edge.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.UUID;

/**
 * Password guessing limits that an attacker can neither outrun nor turn against the owner. Every attempt is counted
 * (one atomic Redis increment) before the password is compared, so parallel guesses cannot slip past a limit. The
 * source of an attempt is the device when it presents a device token this account was given at an earlier successful
 * login, the client address otherwise:
 * <ul>
 *   <li>per account and source: {@code perSourceLimit} attempts per {@code windowSeconds} (5 / 15 min); a success
 *   clears that source's count;</li>
 *   <li>per account per day: {@code untrustedPerDay} attempts from untrusted sources (20) and {@code perDay} attempts
 *   in all (100): a stranger can use up only the untrusted allowance, so a trusted device still logs in;</li>
 *   <li>per client address across accounts: {@code rateLimits.login} (5 / 15 min) for untrusted attempts.</li>
 * </ul>
 * If Redis cannot count, untrusted attempts are refused and trusted devices are admitted (fail closed for strangers).
 * Change-password has its own budget per account ({@code changePasswordLimit} per window). Config: {@code identity.login}.
 */
public final class LoginGuard {

  public static final String CONF = "login";
  private static final String DEVICE = "device";
  private static final long DAY = 24 * 3600;

  private final RateLimiter limiter;
  private final JwtCodec jwt;
  private final int perSource;
  private final long window;
  private final int untrustedPerDay;
  private final int perDay;
  private final int ipLimit;
  private final long ipWindow;
  private final int changePasswordLimit;
  private final long deviceTtlSeconds;

  public LoginGuard(RateLimiter limiter, JwtCodec jwt, JsonObject identityConfig, JsonObject nodeConfig) {
    JsonObject c = identityConfig.getJsonObject(CONF, new JsonObject());
    JsonObject ip = nodeConfig.getJsonObject("rateLimits", new JsonObject()).getJsonObject("login", new JsonObject());
    this.limiter = limiter;
    this.jwt = jwt;
    this.perSource = c.getInteger("perSourceLimit", 5);
    this.window = c.getLong("windowSeconds", 900L);
    this.untrustedPerDay = c.getInteger("untrustedPerDay", 20);
    this.perDay = c.getInteger("perDay", 100);
    this.changePasswordLimit = c.getInteger("changePasswordLimit", 5);
    this.deviceTtlSeconds = c.getLong("deviceTokenDays", 180L) * DAY;
    this.ipLimit = ip.getInteger("limit", 5);
    this.ipWindow = ip.getLong("windowSeconds", 900L);
  }

  /** The device a presented device token names (any account's), or empty for none or an invalid one. */
  public Future<Optional<Device>> device(String deviceToken) {
    if (deviceToken == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return jwt.verify(deviceToken)
      .map(claims -> DEVICE.equals(claims.getValue("typ")) && claims.getValue("did") instanceof String did
        ? Optional.of(new Device(claims.getString("sub"), claims.getString("role"), did)) : Optional.<Device>empty())
      .otherwise(Optional.empty());
  }

  /** Where an attempt on {@code accountId} comes from: its trusted device, or the client address. */
  public Source source(AccountKind kind, String accountId, Optional<Device> device, String clientIp) {
    return device.filter(d -> d.accountId().equals(accountId) && kind.role().name().equals(d.role()))
      .map(d -> new Source("dev:" + d.deviceId(), true))
      .orElse(new Source("ip:" + clientIp, false));
  }

  /** Counts an attempt on an unknown account (the client address budget only). */
  public Future<Void> admitUnknown(AccountKind kind, String clientIp) {
    return count(ipKey(kind, clientIp), ipLimit, ipWindow, false, false);
  }

  /**
   * Counts one attempt of {@code accountId} from {@code source}, before any comparison. Fails RATE_LIMITED (the
   * address's budget) or ACCOUNT_LOCKED (the account's budget from this source, or its daily budget), with the seconds
   * to wait; the account stays open to its other sources.
   */
  public Future<Void> admit(AccountKind kind, String accountId, Source source, String clientIp) {
    String account = kind.name() + ":" + accountId;
    Future<Void> address = source.trusted() ? Future.succeededFuture() : count(ipKey(kind, clientIp), ipLimit, ipWindow, false, false);
    return address
      .compose(v -> count("login-src:" + account + ":" + source.key(), perSource, window, true, source.trusted()))
      .compose(v -> source.trusted() ? Future.succeededFuture()
        : count("login-untrusted:" + account, untrustedPerDay, DAY, true, false))
      .compose(v -> count("login-day:" + account, perDay, DAY, true, source.trusted()));
  }

  /** After a success: the source's count starts again (the daily counts stay). */
  public Future<Void> succeeded(AccountKind kind, String accountId, Source source) {
    return limiter.reset("login-src:" + kind.name() + ":" + accountId + ":" + source.key()).otherwiseEmpty();
  }

  /** Counts one change-password attempt of the account, before the current password is compared. */
  public Future<Void> admitPasswordChange(AccountKind kind, String accountId) {
    return count("pwchange:" + kind.name() + ":" + accountId, changePasswordLimit, window, false, false);
  }

  /** A device token for this account: presented at later logins, it makes this device a trusted source. */
  public String deviceToken(AccountKind kind, String accountId, Optional<Device> current) {
    String did = current.filter(d -> d.accountId().equals(accountId)).map(Device::deviceId)
      .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
    return jwt.sign(new JsonObject().put("sub", accountId).put("role", kind.role().name()).put("typ", DEVICE)
      .put("did", did), deviceTtlSeconds);
  }

  private Future<Void> count(String key, int limit, long windowSeconds, boolean accountBudget, boolean openIfDown) {
    return limiter.hit(key, limit, windowSeconds)
      .recover(down -> openIfDown ? Future.succeededFuture(new RateLimiter.Verdict(true, 0, 0))
        : Future.failedFuture(new RateLimitedError(60)))
      .compose(verdict -> verdict.allowed() ? Future.<Void>succeededFuture()
        : Future.failedFuture(accountBudget ? new Locked(verdict.retryAfterSeconds()) : new RateLimitedError(verdict.retryAfterSeconds())));
  }

  private static String ipKey(AccountKind kind, String clientIp) {
    return "login:" + kind.name() + ":" + clientIp;
  }

  /** The 423 answer: this account refuses more attempts from this source (or today) for {@code retryAfterSeconds}. */
  public static final class Locked extends ApiError {
    private final long retryAfterSeconds;

    Locked(long retryAfterSeconds) {
      super(ErrorCode.ACCOUNT_LOCKED, "Too many login attempts from here; try again in "
        + Math.max(1, (retryAfterSeconds + 59) / 60) + " minutes, or from a device you used before");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** A device named by a valid device token: the account it was given to and its id. */
  public record Device(String accountId, String role, String deviceId) {
  }

  /** The budget an attempt is counted against; trusted when it is the account's own device. */
  public record Source(String key, boolean trusted) {
  }
}
