package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Mask;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Admins come from configuration only: {@code admins: [{"email", "phone", "name", "password" | "passwordHash"}]}.
 * Each entry is upserted idempotently under an id derived from its e-mail (so several instances starting at once
 * converge on one record): created when missing, its password replaced when the configured one no longer matches.
 * Entries that are incomplete or whose password breaks the policy are skipped with a warning.
 */
public final class AdminBootstrap {

  public static final String CONF_ADMINS = "admins";
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final Accounts accounts;
  private final Passwords passwords;

  public AdminBootstrap(Accounts accounts, Passwords passwords) {
    this.accounts = accounts;
    this.passwords = passwords;
  }

  /** Upserts every configured admin, one after the other (hashing runs on the worker pool). */
  public Future<Void> run(JsonArray admins) {
    Future<Void> chain = Future.succeededFuture();
    for (Object entry : admins == null ? new JsonArray() : admins) {
      if (entry instanceof JsonObject admin) {
        chain = chain.compose(v -> upsert(admin));
      }
    }
    return chain;
  }

  private Future<Void> upsert(JsonObject admin) {
    Optional<String> email = PhoneNumbers.normalizeEmail(admin.getString("email"));
    String password = admin.getString("password");
    String givenHash = admin.getString("passwordHash");
    if (email.isEmpty() || (givenHash == null || !givenHash.startsWith("$2")) && (password == null
      || !Passwords.problems(password).isEmpty())) {
      LOG.warn("admin entry {} skipped: needs an e-mail and a policy-compliant password or a bcrypt passwordHash",
        Mask.email(admin.getString("email")));
      return Future.succeededFuture();
    }
    String id = idFor(email.get());
    return accounts.find(AccountKind.ADMIN, id).compose(found -> found.isPresent()
      ? refresh(found.get(), password, givenHash)
      : create(id, email.get(), admin, password, givenHash));
  }

  private Future<Void> create(String id, String email, JsonObject admin, String password, String givenHash) {
    Future<String> hash = givenHash != null ? Future.succeededFuture(givenHash) : passwords.hash(password);
    JsonObject fields = new JsonObject().put("adminId", id).put("email", email)
      .put("name", admin.getString("name", "Admin")).put("isPhoneVerified", true).put("language", "fr");
    PhoneNumbers.normalize(admin.getString("phone")).ifPresent(phone -> fields.put("phone", phone));
    return hash.compose(h -> accounts.register(AccountKind.ADMIN, fields.put("passwordHash", h)))
      .<Void>mapEmpty()
      .recover(f -> ErrorCode.ALREADY_EXISTS.matches(f) ? Future.succeededFuture() : Future.failedFuture(f))
      .onSuccess(v -> LOG.info("admin {} ensured", Mask.email(email)));
  }

  private Future<Void> refresh(JsonObject existing, String password, String givenHash) {
    String stored = existing.getString("passwordHash");
    String id = existing.getString("adminId");
    if (givenHash != null) {
      return givenHash.equals(stored) ? Future.succeededFuture()
        : accounts.update(AccountKind.ADMIN, id, new JsonObject().put("passwordHash", givenHash)).mapEmpty();
    }
    return passwords.verify(password, stored).compose(same -> same ? Future.succeededFuture()
      : passwords.hash(password).compose(h -> accounts.update(AccountKind.ADMIN, id,
        new JsonObject().put("passwordHash", h))).mapEmpty());
  }

  /** The admin id of an e-mail address: stable across restarts and nodes. */
  public static String idFor(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return "admin_" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
