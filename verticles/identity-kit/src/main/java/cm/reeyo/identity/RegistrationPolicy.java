package cm.reeyo.identity;

import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.RateLimitedError;
import cm.reeyo.edge.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may register and how many codes a phone may be sent, from {@code identity.registration} and {@code identity.otp}:
 * <ul>
 *   <li>{@code registration.countryCodes} (["237"], Cameroon): the calling codes a registering phone may have; any
 *   other number is refused 400 {@code VALIDATION_FAILED} on {@code phone}.</li>
 *   <li>{@code registration.unverifiedTtlSeconds} (3600): an unverified registration older than this is stale; a new
 *   registration of its phone replaces it ({@link Registrations}).</li>
 *   <li>{@code otp.dailyPerPhone} (5): SMS codes (registration, re-send, password reset) one phone may be sent in 24
 *   hours, whatever the role, counted in Redis so every node shares the count; past it 429 {@code RATE_LIMITED}.</li>
 * </ul>
 */
public final class RegistrationPolicy {

  public static final String CONF = "registration";
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationPolicy.class);
  private static final long DAY_SECONDS = 86_400;

  private final Set<Integer> countryCodes = new LinkedHashSet<>();
  private final Duration unverifiedTtl;
  private final int dailyPerPhone;
  private final RateLimiter limiter;

  public RegistrationPolicy(JsonObject identityConfig, RateLimiter limiter) {
    JsonObject registration = identityConfig.getJsonObject(CONF, new JsonObject());
    registration.getJsonArray("countryCodes", new JsonArray().add("237"))
      .forEach(code -> countryCodes.add(Integer.parseInt(code.toString().replace("+", "").strip())));
    this.unverifiedTtl = Duration.ofSeconds(registration.getLong("unverifiedTtlSeconds", 3600L));
    this.dailyPerPhone = identityConfig.getJsonObject(Otps.CONF, new JsonObject()).getInteger("dailyPerPhone", 5);
    this.limiter = limiter;
  }

  /** The phone when its country may register; otherwise a problem on {@code field}. */
  String allowedCountry(JsonCheck check, String field, String phone) {
    if (phone == null || countryCodes.contains(PhoneNumbers.countryCode(phone))) {
      return phone;
    }
    return check.problem(field, "must be a number of " + countryCodes.stream().map(c -> "+" + c)
      .reduce((a, b) -> a + ", " + b).orElse("no country") + ": registration is not open elsewhere");
  }

  /**
   * Counts one SMS code to {@code phone}; fails with RATE_LIMITED past the daily cap. If Redis cannot answer the
   * send is allowed (as every rate limit of the edge), and logged.
   */
  Future<Void> takeSms(String phone) {
    return limiter.hit("sms-day:" + phone, dailyPerPhone, DAY_SECONDS)
      .recover(fault -> {
        LOG.warn("daily SMS cap not checked: {}", fault.getMessage());
        return Future.succeededFuture(null);
      })
      .compose(verdict -> verdict == null || verdict.allowed()
        ? Future.<Void>succeededFuture() : Future.failedFuture(new RateLimitedError(verdict.retryAfterSeconds())));
  }

  Duration unverifiedTtl() {
    return unverifiedTtl;
  }
}
