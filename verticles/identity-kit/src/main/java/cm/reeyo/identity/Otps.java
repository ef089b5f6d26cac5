package cm.reeyo.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * One-time phone verification codes in Redis: 6 random digits, stored only as an HMAC-SHA256 (keyed with the JWT
 * secret), expiring after {@code identity.otp.ttlSeconds}, with at most {@code identity.otp.maxAttempts} guesses.
 * A new code replaces the previous one. Checking is one atomic script, so parallel guesses cannot exceed the limit.
 */
public final class Otps {

  public static final String CONF = "otp";
  public static final String CONF_TTL = "ttlSeconds";
  public static final String CONF_MAX_ATTEMPTS = "maxAttempts";
  public static final int DEFAULT_TTL = 600;
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private static final String ISSUE =
    "redis.call('DEL', KEYS[1]) redis.call('HSET', KEYS[1], 'h', ARGV[1], 'a', 0) "
      + "redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1";
  private static final String CHECK =
    "local h = redis.call('HGET', KEYS[1], 'h') "
      + "if not h then return -1 end "
      + "local a = redis.call('HINCRBY', KEYS[1], 'a', 1) "
      + "if a > tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -2 end "
      + "if h == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end "
      + "return 0";

  private final RedisAPI redis;
  private final byte[] key;
  private final int ttlSeconds;
  private final int maxAttempts;
  private final SecureRandom random = new SecureRandom();

  public Otps(RedisAPI redis, String secret, JsonObject identityConfig) {
    JsonObject conf = identityConfig.getJsonObject(CONF, new JsonObject());
    this.redis = redis;
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.ttlSeconds = conf.getInteger(CONF_TTL, DEFAULT_TTL);
    this.maxAttempts = conf.getInteger(CONF_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
  }

  /** Issues a fresh code for this role and phone (replacing any earlier one) and answers it, for sending only. */
  public Future<String> issue(AccountKind kind, String phone) {
    String code = String.format("%06d", random.nextInt(1_000_000));
    String redisKey = redisKey(kind, phone);
    return redis.eval(List.of(ISSUE, "1", redisKey, digest(kind, phone, code), String.valueOf(ttlSeconds)))
      .map(done -> code);
  }

  /** The outcome of one guess; a correct guess consumes the code. */
  public Future<Check> check(AccountKind kind, String phone, String code) {
    return redis.eval(List.of(CHECK, "1", redisKey(kind, phone), digest(kind, phone, code), String.valueOf(maxAttempts)))
      .map(Otps::outcome);
  }

  private static Check outcome(Response reply) {
    return switch (reply.toInteger()) {
      case 1 -> Check.VALID;
      case 0 -> Check.WRONG;
      case -2 -> Check.TOO_MANY_ATTEMPTS;
      default -> Check.NONE;
    };
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  static String redisKey(AccountKind kind, String phone) {
    return "otp:" + kind.name() + ":" + phone;
  }

  private String digest(AccountKind kind, String phone, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((kind.name() + "|" + phone + "|" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** VALID (consumed), WRONG, TOO_MANY_ATTEMPTS (the code is gone), NONE (no code pending or expired). */
  public enum Check { VALID, WRONG, TOO_MANY_ATTEMPTS, NONE }
}
