package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Mask;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Admins come from configuration only: {@code admins: [{"email", "phone", "name", "password" | "passwordHash"}]}, and
 * the configuration is the source of truth. Each entry is upserted idempotently under an id derived from its e-mail
 * (so several instances starting at once converge on one record): created when missing, reactivated when it was
 * deactivated, its password replaced when the configured one no longer matches, which ends every session of that
 * admin. Every stored admin the configuration no longer lists is DEACTIVATED and its sessions (and sockets) ended.
 * Entries that are incomplete or whose password breaks the policy are skipped with a warning (and so deactivated).
 * Without an {@code admins} key nothing is synchronised.
 */
public final class AdminBootstrap {

  public static final String CONF_ADMINS = "admins";
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  public static final String DEACTIVATED = "DEACTIVATED";

  private final Accounts accounts;
  private final Passwords passwords;
  private final Sessions sessions;
  private final Dynamo dynamo;
  private final RedisAPI redis;

  public AdminBootstrap(Accounts accounts, Passwords passwords, Sessions sessions, Dynamo dynamo, RedisAPI redis) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.sessions = sessions;
    this.dynamo = dynamo;
    this.redis = redis;
  }

  /** The bootstrap of an API's identity services. */
  public static AdminBootstrap of(Identity identity) {
    return new AdminBootstrap(identity.accounts(), identity.passwords(), identity.sessions(), identity.api().dynamo(),
      identity.api().redis().api());
  }

  /**
   * Upserts every configured admin, one after the other (hashing runs on the worker pool), then deactivates the stored
   * admins the list does not name. Nothing happens when {@code admins} is null (no {@code admins} key).
   */
  public Future<Void> run(JsonArray admins) {
    if (admins == null) {
      return Future.succeededFuture();
    }
    Set<String> configured = new HashSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (Object entry : admins) {
      if (entry instanceof JsonObject admin) {
        chain = chain.compose(v -> upsert(admin).map(id -> {
          id.ifPresent(configured::add);
          return null;
        }));
      }
    }
    return chain.compose(v -> deactivateOthers(configured, null));
  }

  private Future<Void> deactivateOthers(Set<String> configured, Map<String, AttributeValue> start) {
    return dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(AccountKind.ADMIN.table())).exclusiveStartKey(start)
        .filterExpression("attribute_not_exists(#s) OR #s <> :deactivated").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":deactivated", Items.s(DEACTIVATED)))))
      .compose(page -> {
        List<Future<Void>> ends = page.items().stream().map(Items::toJson).map(a -> a.getString("adminId"))
          .filter(id -> id != null && !configured.contains(id)).map(this::deactivate).toList();
        Future<Void> done = Future.all(ends).mapEmpty();
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
          ? done.compose(v -> deactivateOthers(configured, page.lastEvaluatedKey())) : done;
      });
  }

  private Future<Void> deactivate(String id) {
    return accounts.update(AccountKind.ADMIN, id, new JsonObject().put("status", DEACTIVATED)
        .put("statusChangedAt", Timestamps.now()).put("statusChangedBy", "config")
        .put("tokensValidAfter", Instant.now().getEpochSecond()))
      .compose(a -> endSessions(id))
      .onSuccess(v -> LOG.info("admin {} deactivated: no longer in the configuration", id));
  }

  private Future<Void> endSessions(String id) {
    return sessions.revokeAccount(id, null).compose(f -> AccountSessionCheck.invalidate(redis, AccountKind.ADMIN, id));
  }

  private Future<Optional<String>> upsert(JsonObject admin) {
    Optional<String> email = PhoneNumbers.normalizeEmail(admin.getString("email"));
    String password = admin.getString("password");
    String givenHash = admin.getString("passwordHash");
    if (email.isEmpty() || (givenHash == null || !givenHash.startsWith("$2")) && (password == null
      || !Passwords.problems(password).isEmpty())) {
      LOG.warn("admin entry {} skipped: needs an e-mail and a policy-compliant password or a bcrypt passwordHash",
        Mask.email(admin.getString("email")));
      return Future.succeededFuture(Optional.empty());
    }
    String id = idFor(email.get());
    return accounts.find(AccountKind.ADMIN, id).compose(found -> found.isPresent()
      ? refresh(found.get(), password, givenHash)
      : create(id, email.get(), admin, password, givenHash)).map(Optional.of(id));
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

  /** Reactivates a deactivated admin; a new password replaces the old one and ends every session of the admin. */
  private Future<Void> refresh(JsonObject existing, String password, String givenHash) {
    String stored = existing.getString("passwordHash");
    String id = existing.getString("adminId");
    Future<Optional<String>> newHash = givenHash != null
      ? Future.succeededFuture(givenHash.equals(stored) ? Optional.empty() : Optional.of(givenHash))
      : passwords.verify(password, stored).compose(same -> same ? Future.succeededFuture(Optional.<String>empty())
        : passwords.hash(password).map(Optional::of));
    boolean inactive = !"ACTIVE".equals(existing.getString("status", "ACTIVE"));
    return newHash.compose(hash -> {
      if (hash.isEmpty() && !inactive) {
        return Future.succeededFuture();
      }
      JsonObject changes = new JsonObject().put("status", "ACTIVE");
      hash.ifPresent(h -> changes.put("passwordHash", h).put("tokensValidAfter", Instant.now().getEpochSecond())
        .put("passwordChangedAt", Timestamps.now()));
      return accounts.update(AccountKind.ADMIN, id, changes)
        .compose(a -> hash.isPresent() ? endSessions(id) : AccountSessionCheck.invalidate(redis, AccountKind.ADMIN, id))
        .onSuccess(v -> LOG.info("admin {} {}", id, hash.isPresent() ? "password rotated, sessions ended" : "reactivated"));
    });
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
