package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.edge.ApiError;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.util.Map;

/**
 * Account lockout, kept on the account record itself (durable, seen by every node): after
 * {@code identity.lockout.maxFailures} consecutive wrong passwords the account is locked for
 * {@code identity.lockout.minutes}; while locked even the right password is refused. A success clears the count.
 */
public final class Lockout {

  public static final String CONF = "lockout";
  public static final String CONF_MAX_FAILURES = "maxFailures";
  public static final String CONF_MINUTES = "minutes";
  public static final int DEFAULT_MAX_FAILURES = 5;
  public static final int DEFAULT_MINUTES = 30;

  private final Dynamo dynamo;
  private final Clock clock;
  private final int maxFailures;
  private final long lockSeconds;

  public Lockout(Dynamo dynamo, JsonObject identityConfig, Clock clock) {
    JsonObject conf = identityConfig.getJsonObject(CONF, new JsonObject());
    this.dynamo = dynamo;
    this.clock = clock;
    this.maxFailures = conf.getInteger(CONF_MAX_FAILURES, DEFAULT_MAX_FAILURES);
    this.lockSeconds = conf.getInteger(CONF_MINUTES, DEFAULT_MINUTES) * 60L;
  }

  /** Seconds left on the account's lock, or 0 when it is not locked. */
  public long lockedFor(JsonObject account) {
    return Math.max(0, account.getLong("lockedUntil", 0L) - clock.instant().getEpochSecond());
  }

  /** The 423 answer for a locked account (its {@code Retry-After} is set by the caller from {@link #lockedFor}). */
  public static ApiError lockedError(long seconds) {
    return new ApiError(ErrorCode.ACCOUNT_LOCKED,
      "Too many failed logins; the account is locked for " + Math.max(1, (seconds + 59) / 60) + " more minutes");
  }

  /** Counts one failed login; locks the account when the count reaches the limit. Answers true when it just locked. */
  public Future<Boolean> recordFailure(AccountKind kind, String id) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(kind.table())).key(Items.key(kind.idField(), id))
        .updateExpression("SET failedLogins = if_not_exists(failedLogins, :zero) + :one")
        .conditionExpression("attribute_exists(#id)")
        .expressionAttributeNames(Map.of("#id", kind.idField()))
        .expressionAttributeValues(Map.of(":zero", Items.n(0), ":one", Items.n(1)))
        .returnValues(ReturnValue.UPDATED_NEW)))
      .compose(r -> {
        long failures = Long.parseLong(r.attributes().get("failedLogins").n());
        if (failures < maxFailures) {
          return Future.succeededFuture(false);
        }
        long until = clock.instant().getEpochSecond() + lockSeconds;
        return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(kind.table())).key(Items.key(kind.idField(), id))
            .updateExpression("SET lockedUntil = :until, failedLogins = :zero")
            .expressionAttributeValues(Map.of(":until", Items.n(until), ":zero", Items.n(0)))))
          .onSuccess(ok -> BusinessMetrics.lockout())
          .map(ok -> true);
      });
  }

  /** Clears the failure count after a successful login (writes only when there is something to clear). */
  public Future<Void> recordSuccess(AccountKind kind, JsonObject account) {
    if (account.getLong("failedLogins", 0L) == 0 && !account.containsKey("lockedUntil")) {
      return Future.succeededFuture();
    }
    String id = account.getString(kind.idField());
    return dynamo.call(c -> c.updateItem(b -> b.tableName(dynamo.table(kind.table())).key(Items.key(kind.idField(), id))
        .updateExpression("SET failedLogins = :zero REMOVE lockedUntil")
        .expressionAttributeValues(Map.of(":zero", Items.n(0)))))
      .mapEmpty();
  }
}
