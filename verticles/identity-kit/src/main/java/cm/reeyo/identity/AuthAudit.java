package cm.reeyo.identity;

import cm.reeyo.contracts.Principal;
import cm.reeyo.edge.ClientIp;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Audit entries for authentication and account administration, with the client IP. Callers pass masked text only
 * ({@link cm.reeyo.storage.Mask}). Auth entries are written best effort (a failed write is logged by the audit log,
 * the login still answers); admin actions are awaited with {@link #admin}.
 */
public final class AuthAudit {

  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";
  public static final String DENIED = "DENIED";

  private final AuditLog log;
  private final ClientIp clientIp;

  public AuthAudit(AuditLog log, ClientIp clientIp) {
    this.log = log;
    this.clientIp = clientIp;
  }

  /** Records an authentication event; does not delay the answer. */
  public void auth(RoutingContext ctx, AccountKind kind, String accountId, String action, String outcome, String details) {
    log.record(new AuditLog.Entry(accountId, kind.role().name(), action, accountId == null ? kind.name() : accountId,
      outcome, clientIp.of(ctx), details));
  }

  /** Records an admin action and completes once it is stored. */
  public Future<Void> admin(RoutingContext ctx, Principal admin, String action, String target, String outcome, String details) {
    return log.record(new AuditLog.Entry(admin.id(), admin.role().name(), action, target, outcome, clientIp.of(ctx), details));
  }
}
