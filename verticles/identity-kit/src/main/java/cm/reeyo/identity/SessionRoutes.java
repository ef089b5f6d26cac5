package cm.reeyo.identity;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.BusinessMetrics;
import cm.reeyo.storage.Mask;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token lifecycle of one role: {@code POST /api/v1/auth/login}, {@code /refresh}, {@code /logout},
 * {@code /change-password}. Login and change-password attempts are counted by the {@link LoginGuard} before any
 * password is compared (per account and source, per account and day, per address); every attempt is audited.
 */
final class SessionRoutes {

  private final Identity identity;
  private final AccountKind kind;

  SessionRoutes(Identity identity, AccountKind kind) {
    this.identity = identity;
    this.kind = kind;
  }

  void mount(Router router) {
    ApiFoundation api = identity.api();
    router.post("/api/v1/auth/login")
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("phone", "email", "password", "deviceToken");
        String phone = Forms.phone(check, "phone", false);
        String email = Forms.email(check, "email", false);
        if (body.getValue("phone") == null && body.getValue("email") == null) {
          check.problem("phone", "or email is required");
        }
        return new JsonObject().put("phone", phone).put("email", email)
          .put("password", Forms.presentedPassword(check, body, "password"))
          .put("deviceToken", check.optionalString("deviceToken", 20, 1000));
      }))
      .handler(this::login);
    router.post("/api/v1/auth/refresh")
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("refreshToken");
        return new JsonObject().put("refreshToken", check.string("refreshToken", 10, 200));
      }))
      .handler(this::refresh);
    router.post("/api/v1/auth/logout")
      .handler(identity.auth())
      .handler(RoleGuard.only(kind.role()))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("refreshToken");
        return new JsonObject().put("refreshToken", check.optionalString("refreshToken", 10, 200));
      }))
      .handler(this::logout);
    router.post("/api/v1/auth/change-password")
      .handler(identity.auth())
      .handler(RoleGuard.only(kind.role()))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("currentPassword", "newPassword");
        String current = Forms.presentedPassword(check, body, "currentPassword");
        String next = Forms.newPassword(check, body, "newPassword");
        if (current != null && current.equals(next)) {
          check.problem("newPassword", "must differ from the current password");
        }
        return new JsonObject().put("currentPassword", current).put("newPassword", next);
      }))
      .handler(this::changePassword);
  }

  private void login(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    String phone = form.getString("phone");
    String who = phone != null ? "phone " + Mask.phone(phone) : "email " + Mask.email(form.getString("email"));
    String ip = identity.api().clientIp().of(ctx);
    Future<Optional<JsonObject>> lookup = phone != null
      ? identity.accounts().byPhone(kind, phone) : identity.accounts().byEmail(kind, form.getString("email"));
    Future.all(lookup, identity.loginGuard().device(form.getString("deviceToken"))).compose(both -> {
      Optional<JsonObject> found = both.resultAt(0);
      Optional<LoginGuard.Device> device = both.resultAt(1);
      if (found.isEmpty()) {
        return identity.loginGuard().admitUnknown(kind, ip)
          .compose(admitted -> identity.passwords().verify(form.getString("password"), null))
          .compose(never -> this.<JsonObject>denied(ctx, null, AuthAudit.FAILURE, who + ": no such account", badCredentials()))
          .onComplete(ar -> BusinessMetrics.login("failed"));
      }
      JsonObject account = found.get();
      String id = account.getString(kind.idField());
      LoginGuard.Source source = identity.loginGuard().source(kind, id, device, ip);
      return identity.loginGuard().admit(kind, id, source, ip)
        .recover(refused -> throttled(ctx, id, who, refused))
        .compose(admitted -> identity.passwords().verify(form.getString("password"), account.getString("passwordHash")))
        .compose(matches -> matches ? admit(ctx, account, who, source, device)
          : this.<JsonObject>denied(ctx, id, AuthAudit.FAILURE, who + ": wrong password", badCredentials())
          .onComplete(ar -> BusinessMetrics.login("failed")));
    }).onSuccess(answer -> Responses.ok(ctx, answer)).onFailure(ctx::fail);
  }

  private Future<Void> throttled(RoutingContext ctx, String id, String who, Throwable refused) {
    if (refused instanceof LoginGuard.Locked locked) {
      ctx.response().putHeader("Retry-After", String.valueOf(locked.retryAfterSeconds()));
      BusinessMetrics.lockout();
    }
    BusinessMetrics.login("locked");
    return denied(ctx, id, AuthAudit.DENIED, who + ": throttled", refused);
  }

  private Future<JsonObject> admit(RoutingContext ctx, JsonObject account, String who, LoginGuard.Source source,
                                   Optional<LoginGuard.Device> device) {
    String id = account.getString(kind.idField());
    if (!"ACTIVE".equals(account.getString("status"))) {
      BusinessMetrics.login("denied");
      return denied(ctx, id, AuthAudit.DENIED, who + ": suspended",
        new ApiError(ErrorCode.ACCOUNT_SUSPENDED, "This account is suspended"));
    }
    return identity.loginGuard().succeeded(kind, id, source)
      .compose(v -> identity.tokens().login(kind, account))
      .map(answer -> answer.put("deviceToken", identity.loginGuard().deviceToken(kind, id, device)))
      .onSuccess(answer -> BusinessMetrics.login("success"))
      .onSuccess(answer -> identity.audit().auth(ctx, kind, id, "auth.login", AuthAudit.SUCCESS,
        who + (source.trusted() ? " (trusted device)" : "")));
  }

  private <T> Future<T> denied(RoutingContext ctx, String id, String outcome, String details, Throwable error) {
    identity.audit().auth(ctx, kind, id, "auth.login", outcome, details);
    return Future.failedFuture(error);
  }

  private static ApiError badCredentials() {
    return new ApiError(ErrorCode.INVALID_CREDENTIALS, "Wrong phone/e-mail or password");
  }

  private void refresh(RoutingContext ctx) {
    identity.sessions().rotate(Forms.of(ctx).getString("refreshToken"), kind.role())
      .compose(rotation -> identity.accounts().find(kind, rotation.accountId()).compose(found -> {
        if (found.isEmpty() || !"ACTIVE".equals(found.get().getString("status"))) {
          return identity.sessions().revokeFamily(rotation.issued().familyId())
            .compose(v -> Future.<JsonObject>failedFuture(found.isEmpty()
              ? ErrorCode.UNAUTHORIZED.exception("The account no longer exists")
              : ErrorCode.ACCOUNT_SUSPENDED.exception("This account is suspended")));
        }
        return Future.succeededFuture(identity.tokens().answer(kind, found.get(), rotation.issued()));
      }))
      .onSuccess(answer -> {
        identity.audit().auth(ctx, kind, answer.getJsonObject(kind.idPrefix()).getString(kind.idField()),
          "auth.refresh", AuthAudit.SUCCESS, null);
        Responses.ok(ctx, answer);
      })
      .onFailure(f -> identity.audit().auth(ctx, kind, null, "auth.refresh", AuthAudit.FAILURE, f.getMessage()))
      .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    Set<String> families = new HashSet<>();
    Object sid = AuthHandler.claims(ctx).getValue("sid");
    if (sid instanceof String s) {
      families.add(s);
    }
    String presented = Forms.of(ctx).getString("refreshToken");
    Future<Optional<JsonObject>> named = presented == null
      ? Future.succeededFuture(Optional.empty()) : identity.sessions().lookup(presented);
    named.compose(found -> {
        found.filter(t -> principal.id().equals(t.getString("accountId"))).ifPresent(t -> families.add(t.getString("familyId")));
        List<Future<Void>> revocations = families.stream().map(identity.sessions()::revokeFamily).toList();
        return Future.all(revocations);
      })
      .onSuccess(v -> {
        identity.audit().auth(ctx, kind, principal.id(), "auth.logout", AuthAudit.SUCCESS, null);
        Responses.noContent(ctx);
      })
      .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    JsonObject form = Forms.of(ctx);
    identity.loginGuard().admitPasswordChange(kind, principal.id())
      .compose(admitted -> identity.accounts().get(kind, principal.id()))
      .compose(account -> identity.passwords().verify(form.getString("currentPassword"), account.getString("passwordHash")))
      .compose(matches -> matches ? identity.passwords().hash(form.getString("newPassword"))
        : Future.<String>failedFuture(wrongCurrent()))
      .compose(hash -> identity.accounts().update(kind, principal.id(), new JsonObject().put("passwordHash", hash)
        .put("tokensValidAfter", Instant.now().getEpochSecond()).put("passwordChangedAt", Timestamps.now())))
      .compose(account -> endAllSessions(principal.id(), ctx).compose(v -> identity.tokens().login(kind, account)))
      .onSuccess(answer -> {
        identity.audit().auth(ctx, kind, principal.id(), "auth.change-password", AuthAudit.SUCCESS, null);
        Responses.ok(ctx, answer);
      })
      .onFailure(f -> identity.audit().auth(ctx, kind, principal.id(), "auth.change-password", AuthAudit.FAILURE, null))
      .onFailure(ctx::fail);
  }

  private Future<Void> endAllSessions(String accountId, RoutingContext ctx) {
    Object sid = AuthHandler.claims(ctx).getValue("sid");
    return SessionEnding.endAll(identity, kind, accountId, sid instanceof String s ? Set.of(s) : Set.of());
  }

  private static ApiError wrongCurrent() {
    return new ApiError(ErrorCode.VALIDATION_FAILED, "The current password is not correct",
      new JsonArray().add(new JsonObject().put("field", "currentPassword").put("issue", "is not correct")));
  }
}
