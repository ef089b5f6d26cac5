package cm.reeyo.identity;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.RateLimit;
import cm.reeyo.edge.Responses;
import cm.reeyo.storage.Mask;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Forgotten passwords of one role: {@code POST /api/v1/auth/forgot-password} {@code {phone | email}} answers 202
 * the same way whether or not the account exists, and sends a 6-digit code by SMS or e-mail;
 * {@code POST /api/v1/auth/reset-password} {@code {phone | email, code, newPassword}} answers 200 and ends every
 * session of the account. Limited like login: {@code rateLimits.passwordReset} 5 / 15 min / IP on both routes, and
 * {@code rateLimits.passwordResetContact} 3 / 15 min per phone or e-mail for codes sent.
 */
final class PasswordResetRoutes {

  private final Identity identity;
  private final AccountKind kind;
  private final PasswordReset reset;

  PasswordResetRoutes(Identity identity, AccountKind kind) {
    this.identity = identity;
    this.kind = kind;
    this.reset = new PasswordReset(identity, kind);
  }

  void mount(Router router) {
    ApiFoundation api = identity.api();
    router.post("/api/v1/auth/forgot-password")
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "passwordReset", 5, 900, this::ipSubject))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("phone", "email");
        return contact(check, body);
      }))
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "passwordResetContact", 3, 900, this::contactSubject))
      .handler(this::forgotPassword);
    router.post("/api/v1/auth/reset-password")
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "passwordReset", 5, 900, this::ipSubject))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("phone", "email", "code", "newPassword");
        JsonObject form = contact(check, body);
        String code = check.string("code", 6, 6);
        if (code != null && !code.matches("[0-9]{6}")) {
          check.problem("code", "must be 6 digits");
        }
        return form.put("code", code).put("newPassword", Forms.newPassword(check, body, "newPassword"));
      }))
      .handler(this::resetPassword);
  }

  private static JsonObject contact(JsonCheck check, JsonObject body) {
    String phone = Forms.phone(check, "phone", false);
    String email = Forms.email(check, "email", false);
    if (body.getValue("phone") == null && body.getValue("email") == null) {
      check.problem("phone", "or email is required");
    } else if (body.getValue("phone") != null && body.getValue("email") != null) {
      check.problem("email", "give either phone or email, not both");
    }
    return new JsonObject().put("phone", phone).put("email", email);
  }

  private String ipSubject(RoutingContext ctx) {
    return kind.name() + ":" + identity.api().clientIp().of(ctx);
  }

  private String contactSubject(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    return kind.name() + ":" + (form.getString("phone") != null ? form.getString("phone") : form.getString("email"));
  }

  private void forgotPassword(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    reset.request(form.getString("phone"), form.getString("email"))
      .onSuccess(sent -> {
        identity.audit().auth(ctx, kind, null, "auth.forgot-password", sent ? AuthAudit.SUCCESS : AuthAudit.DENIED,
          who(form));
        Responses.json(ctx, 202, new JsonObject()
          .put("message", "If an account holds this phone number or e-mail address, a reset code is on its way")
          .put("expiresIn", identity.otps().ttlSeconds()));
      })
      .onFailure(ctx::fail);
  }

  private void resetPassword(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    reset.reset(form.getString("phone"), form.getString("email"), form.getString("code"), form.getString("newPassword"))
      .onSuccess(id -> {
        identity.audit().auth(ctx, kind, id, "auth.reset-password", AuthAudit.SUCCESS, who(form));
        Responses.ok(ctx, new JsonObject().put("message", "Password changed; every session was ended, log in again"));
      })
      .onFailure(f -> identity.audit().auth(ctx, kind, null, "auth.reset-password", AuthAudit.FAILURE, who(form)))
      .onFailure(ctx::fail);
  }

  private static String who(JsonObject form) {
    String phone = form.getString("phone");
    return phone != null ? "phone " + Mask.phone(phone) : "email " + Mask.email(form.getString("email"));
  }
}
