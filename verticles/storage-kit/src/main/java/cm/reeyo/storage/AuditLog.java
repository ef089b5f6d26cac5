package cm.reeyo.storage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The audit trail (DynamoDB, kept 400 days): who did what to whom, when, from where, and how it ended. Auth
 * attempts, admin actions and money movements all land here. Callers mask personal data before passing text.
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Duration RETENTION = Duration.ofDays(400);

  private final Dynamo dynamo;
  private final Clock clock;

  public AuditLog(Dynamo dynamo, Clock clock) {
    this.dynamo = dynamo;
    this.clock = clock;
  }

  public AuditLog(Dynamo dynamo) {
    this(dynamo, Clock.systemUTC());
  }

  /** Records one entry; a failure to audit is logged, and reported to the caller. */
  public Future<Void> record(Entry entry) {
    Instant now = clock.instant();
    JsonObject item = new JsonObject()
      .put("auditId", Ids.timeOrdered(now))
      .put("day", Ids.day(now))
      .put("createdAt", Timestamps.format(now))
      .put("actorId", entry.actorId() == null ? "anonymous" : entry.actorId())
      .put("actorRole", entry.actorRole())
      .put("action", entry.action())
      .put("target", entry.target())
      .put("outcome", entry.outcome())
      .put("ip", entry.ip())
      .put("details", entry.details())
      .put("expiresAt", now.plus(RETENTION).getEpochSecond());
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.AUDIT)).item(Items.toItem(item))))
      .<Void>mapEmpty()
      .onFailure(f -> LOG.error("audit entry {} {} not written: {}", entry.action(), entry.target(), f.getMessage()));
  }

  /** One audit fact. {@code outcome} is SUCCESS, FAILURE or DENIED; {@code details} must hold no raw PII. */
  public record Entry(String actorId, String actorRole, String action, String target, String outcome, String ip,
                      String details) {
    public static Entry of(String actorId, String actorRole, String action, String target, String outcome) {
      return new Entry(actorId, actorRole, action, target, outcome, null, null);
    }

    public Entry from(String clientIp) {
      return new Entry(actorId, actorRole, action, target, outcome, clientIp, details);
    }

    public Entry detail(String text) {
      return new Entry(actorId, actorRole, action, target, outcome, ip, text);
    }
  }
}
