package cm.reeyo.apikit;

import cm.reeyo.contracts.Principal;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Audit entries for changes made through an API: the caller (principal of the request), the action, its target, the
 * client address and the outcome (SUCCESS, or FAILURE with the error code). Used for admin order cancellations and
 * for catalog and profile edits. {@code details} names what changed (field names, a reason), never personal data.
 * The entry is written before the answer; a failed audit write is logged by the audit log and does not undo or fail
 * the change.
 */
public final class AuditedCall {

  private AuditedCall() {
  }

  /** Runs {@code work}, records its outcome, answers its result (or its failure). */
  public static <T> Future<T> run(ApiFoundation api, RoutingContext ctx, String action, String target, String details,
                                  Future<T> work) {
    Principal who = AuthHandler.principal(ctx);
    String ip = api.clientIp().of(ctx);
    return work.transform(done -> {
      String outcome = done.succeeded() ? "SUCCESS" : "FAILURE";
      String text = done.succeeded() ? details
        : (details == null ? "" : details + "; ") + cm.reeyo.contracts.ErrorCode.of(done.cause());
      return api.audit().record(new AuditLog.Entry(who.id(), who.role().name(), action, target, outcome, ip, text))
        .transform(audited -> done.succeeded() ? Future.succeededFuture(done.result()) : Future.failedFuture(done.cause()));
    });
  }

  /** The field names of a change, for {@code details}: {@code fields: a, b}. */
  public static String fields(io.vertx.core.json.JsonObject changes) {
    return changes == null || changes.isEmpty() ? null : "fields: " + String.join(", ", new java.util.TreeSet<>(changes.fieldNames()));
  }
}
