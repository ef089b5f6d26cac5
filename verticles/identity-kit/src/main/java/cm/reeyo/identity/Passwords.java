package cm.reeyo.identity;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Password hashing (bcrypt, cost 12) and the password policy. Hashing and verifying run on a shared worker pool
 * (never on an event loop: one hash costs ~0.3 s). bcrypt reads at most 72 bytes, so the policy refuses longer
 * passwords instead of letting two passwords that share their first 72 bytes match each other.
 * Passwords are never logged.
 */
public final class Passwords {

  /** {@code identity.bcryptCost}: bcrypt work factor (default 12, never below 10). */
  public static final String CONF_COST = "bcryptCost";
  /** {@code identity.bcryptThreads}: size of the shared hashing pool (default: number of cores, at least 2). */
  public static final String CONF_THREADS = "bcryptThreads";
  public static final int DEFAULT_COST = 12;
  public static final int MIN_LENGTH = 8;
  public static final int MAX_BYTES = 72;
  private static final String POOL = "reeyo-bcrypt";
  /** A valid cost-12 hash of a random string: verified against when no account matches, so timing tells nothing. */
  private static final String DUMMY_HASH = "$2a$12$RvEPIsk3mBF.h08EYMFvoOMpA6qDP1ma8raBLhs0m6fLMkbk4JIPG";

  private final WorkerExecutor workers;
  private final int cost;

  public Passwords(Vertx vertx, JsonObject identityConfig) {
    int threads = identityConfig.getInteger(CONF_THREADS, Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.workers = vertx.createSharedWorkerExecutor(POOL, threads);
    this.cost = Math.max(10, identityConfig.getInteger(CONF_COST, DEFAULT_COST));
  }

  /** The bcrypt hash of an accepted password, computed on the hashing pool. */
  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> BCrypt.withDefaults().hashToString(cost, password.toCharArray()), false);
  }

  /** Whether {@code password} matches {@code hash}; a missing hash still costs one verification. */
  public Future<Boolean> verify(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Future.succeededFuture(false);
    }
    String against = hash == null ? DUMMY_HASH : hash;
    return workers.executeBlocking(() -> BCrypt.verifyer().verify(password.toCharArray(), against).verified && hash != null,
      false);
  }

  /** What the policy finds wrong with a password (empty when acceptable). */
  public static List<String> problems(String password) {
    List<String> problems = new ArrayList<>();
    if (password == null) {
      problems.add("is required");
      return problems;
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      problems.add("must have at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.add("must not exceed " + MAX_BYTES + " bytes in UTF-8");
    }
    if (password.chars().noneMatch(Character::isUpperCase)) {
      problems.add("must contain an upper-case letter");
    }
    if (password.chars().noneMatch(Character::isLowerCase)) {
      problems.add("must contain a lower-case letter");
    }
    if (password.chars().noneMatch(Character::isDigit)) {
      problems.add("must contain a digit");
    }
    if (password.chars().allMatch(Character::isLetterOrDigit)) {
      problems.add("must contain a special character");
    }
    return problems;
  }

  public void close() {
    workers.close();
  }
}
