package cm.reeyo.adminapi;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.files.Files;
import cm.reeyo.identity.AccountAdmin;
import cm.reeyo.identity.AccountAdmin.Approval;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.AuthAudit;
import cm.reeyo.identity.Identity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Account administration, ADMIN only: list vendors and riders by approval status, approve or reject them, suspend
 * and reactivate customers, vendors and riders. Every action is audited with the admin, target and client IP. A rider
 * is approved only once every required document is approved (409 DOCUMENTS_INCOMPLETE otherwise).
 */
final class AccountAdminRoutes {

  private static final String REASON = "adminapi.reason";

  private final Identity identity;
  private final AccountAdmin admin;
  private final Files files;

  private AccountAdminRoutes(Identity identity, Files files) {
    this.identity = identity;
    this.admin = new AccountAdmin(identity);
    this.files = files;
  }

  static void mount(Identity identity, Files files) {
    new AccountAdminRoutes(identity, files).routes(identity.api().router());
    identity.api().openApi().fragment("openapi/admin-api/accounts.json");
  }

  private void routes(Router router) {
    for (AccountKind kind : new AccountKind[] {AccountKind.VENDOR, AccountKind.RIDER}) {
      String base = "/api/v1/" + kind.table();
      router.get(base).handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN)).handler(ctx -> list(ctx, kind));
      router.post(base + "/:id/approve").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
        .handler(new JsonBody()).handler(ctx -> reason(ctx, false)).handler(ctx -> decide(ctx, kind, Approval.APPROVED));
      router.post(base + "/:id/reject").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
        .handler(new JsonBody()).handler(ctx -> reason(ctx, true)).handler(ctx -> decide(ctx, kind, Approval.REJECTED));
    }
    for (AccountKind kind : new AccountKind[] {AccountKind.USER, AccountKind.VENDOR, AccountKind.RIDER}) {
      String base = "/api/v1/" + kind.table();
      router.post(base + "/:id/suspend").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
        .handler(new JsonBody()).handler(ctx -> reason(ctx, false)).handler(ctx -> status(ctx, kind, true));
      router.post(base + "/:id/reactivate").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
        .handler(new JsonBody()).handler(ctx -> reason(ctx, false)).handler(ctx -> status(ctx, kind, false));
    }
  }

  private void list(RoutingContext ctx, AccountKind kind) {
    JsonCheck check = JsonCheck.of(Query.of(ctx, "approvalStatus"));
    Approval status = ctx.queryParams().contains("approvalStatus") ? check.enumValue("approvalStatus", Approval.class) : null;
    int limit = Query.limit(ctx, check);
    check.done();
    admin.list(kind, status, limit, ctx.queryParams().get("cursor"))
      .onSuccess(page -> Responses.page(ctx, page.items(), page.nextCursor()))
      .onFailure(ctx::fail);
  }

  private void reason(RoutingContext ctx, boolean required) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    String reason = required ? check.string("reason", 3, 500) : check.optionalString("reason", 3, 500);
    check.done();
    ctx.put(REASON, reason);
    ctx.next();
  }

  private void decide(RoutingContext ctx, AccountKind kind, Approval decision) {
    Principal principal = AuthHandler.principal(ctx);
    String id = ctx.pathParam("id");
    String action = "admin." + kind.idPrefix() + "." + (decision == Approval.APPROVED ? "approve" : "reject");
    Future<Void> documents = kind == AccountKind.RIDER && decision == Approval.APPROVED
      ? identity.accounts().get(kind, id).compose(rider -> files.documents().requireApproved(id,
        files.config().requiredRiderDocuments()))
      : Future.succeededFuture();
    audited(ctx, principal, action, id, documents.compose(v -> admin.decide(principal, kind, id, decision, ctx.get(REASON))));
  }

  private void status(RoutingContext ctx, AccountKind kind, boolean suspend) {
    Principal principal = AuthHandler.principal(ctx);
    String id = ctx.pathParam("id");
    String action = "admin." + kind.idPrefix() + "." + (suspend ? "suspend" : "reactivate");
    audited(ctx, principal, action, id, admin.setStatus(principal, kind, id, suspend, ctx.get(REASON)));
  }

  private void audited(RoutingContext ctx, Principal principal, String action, String target, Future<JsonObject> work) {
    String reason = ctx.get(REASON);
    work.compose(account -> identity.audit().admin(ctx, principal, action, target, AuthAudit.SUCCESS,
          reason == null ? null : "reason: " + reason).map(account))
      .onSuccess(account -> Responses.ok(ctx, Accounts.publicView(account)))
      .onFailure(f -> identity.audit().admin(ctx, principal, action, target, AuthAudit.FAILURE, f.getMessage()))
      .onFailure(ctx::fail);
  }
}
