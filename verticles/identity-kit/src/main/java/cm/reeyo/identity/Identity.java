package cm.reeyo.identity;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.AuthHandler;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The identity services of one API verticle, built once from its {@link ApiFoundation}: accounts, passwords, OTPs,
 * refresh sessions, login limits, tokens, the account-aware {@link AuthHandler} and the auth audit. Other route groups
 * protect their routes with {@code Identity.of(api).auth()}.
 *
 * <p>Config: {@code identity.{bcryptCost, bcryptThreads, statusCacheSeconds, otp.{ttlSeconds,maxAttempts,dailyPerPhone},
 * registration.{countryCodes, unverifiedTtlSeconds},
 * login.{perSourceLimit, windowSeconds, untrustedPerDay, perDay, changePasswordLimit, deviceTokenDays}}} and {@code jwt.{accessTtlSeconds, refreshTtlSeconds, adminRefreshTtlSeconds, refreshReuseGraceMs}}.
 */
public final class Identity {

  public static final String CONF = "identity";
  public static final String CONF_ACCESS_TTL = "accessTtlSeconds";
  public static final String CONF_REFRESH_TTL = "refreshTtlSeconds";
  public static final long DEFAULT_ACCESS_TTL = 900;
  public static final long DEFAULT_REFRESH_TTL = 30L * 24 * 3600;
  /** {@code jwt.adminRefreshTtlSeconds}: how long an admin stays logged in without a password (12 h). */
  public static final String CONF_ADMIN_REFRESH_TTL = "adminRefreshTtlSeconds";
  public static final long DEFAULT_ADMIN_REFRESH_TTL = 12L * 3600;
  /** {@code jwt.refreshReuseGraceMs}: how long a rotated refresh token still answers its successor (10 s). */
  public static final String CONF_REFRESH_GRACE = "refreshReuseGraceMs";
  public static final long DEFAULT_REFRESH_GRACE_MS = 10_000;

  private static final Map<ApiFoundation, Identity> BY_API = new WeakHashMap<>();

  private final ApiFoundation api;
  private final Accounts accounts;
  private final Passwords passwords;
  private final Otps otps;
  private final OtpSender otpSender;
  private final Sessions sessions;
  private final LoginGuard loginGuard;
  private final Tokens tokens;
  private final AccountSessionCheck sessionCheck;
  private final AuthHandler auth;
  private final AuthAudit audit;
  private final RegistrationPolicy registrationPolicy;
  private final Registrations registrations;

  private Identity(ApiFoundation api) {
    JsonObject conf = api.config().getJsonObject(CONF, new JsonObject());
    JsonObject jwt = api.config().getJsonObject(ApiFoundation.CONF_JWT, new JsonObject());
    this.api = api;
    this.accounts = new Accounts(api.dynamo());
    this.passwords = new Passwords(api.vertx(), conf);
    this.otps = new Otps(api.redis().api(), jwt.getString("secret"), conf);
    this.otpSender = new OtpSender(api.vertx());
    long accessTtl = jwt.getLong(CONF_ACCESS_TTL, DEFAULT_ACCESS_TTL);
    this.sessions = new Sessions(api.dynamo(), api.redis().api(), jwt.getLong(CONF_REFRESH_TTL, DEFAULT_REFRESH_TTL),
      jwt.getLong(CONF_ADMIN_REFRESH_TTL, DEFAULT_ADMIN_REFRESH_TTL), accessTtl, SessionsEnded.on(api.vertx()),
      jwt.getLong(CONF_REFRESH_GRACE, DEFAULT_REFRESH_GRACE_MS), jwt.getString("secret"));
    this.loginGuard = new LoginGuard(api.limiter(), api.jwt(), conf, api.config());
    this.tokens = new Tokens(api.jwt(), sessions, accessTtl);
    this.sessionCheck = new AccountSessionCheck(api.redis().api(), accounts, conf);
    this.auth = api.auth(sessionCheck);
    this.audit = new AuthAudit(api.audit(), api.clientIp());
    this.registrationPolicy = new RegistrationPolicy(conf, api.limiter());
    this.registrations = new Registrations(api.dynamo(), accounts, sessions, registrationPolicy);
  }

  /** The identity services of this API (created on first use). */
  public static synchronized Identity of(ApiFoundation api) {
    return BY_API.computeIfAbsent(api, Identity::new);
  }

  /** Bearer authentication with the account checks (exists, ACTIVE, not ended by a password change or logout). */
  public AuthHandler auth() {
    return auth;
  }

  public ApiFoundation api() {
    return api;
  }

  public Accounts accounts() {
    return accounts;
  }

  public Passwords passwords() {
    return passwords;
  }

  public Otps otps() {
    return otps;
  }

  public OtpSender otpSender() {
    return otpSender;
  }

  public Sessions sessions() {
    return sessions;
  }

  public LoginGuard loginGuard() {
    return loginGuard;
  }

  public Tokens tokens() {
    return tokens;
  }

  public AccountSessionCheck sessionCheck() {
    return sessionCheck;
  }

  /** Country codes that may register, the daily SMS cap per phone, when an unverified registration goes stale. */
  public RegistrationPolicy registrationPolicy() {
    return registrationPolicy;
  }

  Registrations registrations() {
    return registrations;
  }

  public AuthAudit audit() {
    return audit;
  }
}
