package cm.reeyo.identity;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.RateLimit;
import cm.reeyo.edge.Responses;
import cm.reeyo.storage.Mask;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Self-registration and phone verification of one role: {@code POST /api/v1/auth/register}, {@code /verify-phone},
 * {@code /resend-otp}. Rate limits (Redis, shared by every node): {@code rateLimits.register} 3 / hour / IP,
 * {@code rateLimits.otpIp} 10 / hour / IP and {@code rateLimits.otp} 3 / 15 min / phone for re-sends,
 * {@code rateLimits.otpVerify} 10 / 15 min / IP for guesses; and the {@link RegistrationPolicy}: registering phones
 * only of the configured countries, a daily cap of SMS codes per phone (every registration and re-send counts), and a
 * stale unverified registration replaced by a new one of the same phone ({@link Registrations}).
 */
final class RegistrationRoutes {

  private final Identity identity;
  private final AccountKind kind;

  RegistrationRoutes(Identity identity, AccountKind kind) {
    this.identity = identity;
    this.kind = kind;
  }

  void mount(Router router) {
    ApiFoundation api = identity.api();
    router.post("/api/v1/auth/register")
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "register", 3, 3600, this::ipSubject))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        JsonObject form = RegistrationForm.check(kind, check, body);
        return form.put("phone", identity.registrationPolicy().allowedCountry(check, "phone", form.getString("phone")));
      }))
      .handler(this::register);
    router.post("/api/v1/auth/verify-phone")
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "otpVerify", 10, 900, this::ipSubject))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("phone", "code");
        String code = check.string("code", 6, 6);
        if (code != null && !code.matches("[0-9]{6}")) {
          check.problem("code", "must be 6 digits");
        }
        return new JsonObject().put("phone", Forms.phone(check, "phone", true)).put("code", code);
      }))
      .handler(this::verifyPhone);
    router.post("/api/v1/auth/resend-otp")
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "otpIp", 10, 3600, this::ipSubject))
      .handler(new JsonBody())
      .handler(Forms.validate((check, body) -> {
        check.allowOnly("phone");
        return new JsonObject().put("phone", Forms.phone(check, "phone", true));
      }))
      .handler(RateLimit.fromConfig(api.limiter(), api.config(), "otp", 3, 900,
        ctx -> kind.name() + ":" + Forms.of(ctx).getString("phone")))
      .handler(this::resendOtp);
  }

  private String ipSubject(RoutingContext ctx) {
    return kind.name() + ":" + identity.api().clientIp().of(ctx);
  }

  private void register(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    String password = (String) form.remove("password");
    String phone = form.getString("phone");
    identity.registrationPolicy().takeSms(phone)
      .compose(v -> identity.passwords().hash(password))
      .compose(hash -> identity.registrations().register(kind, form.copy().put("passwordHash", hash)
        .put("language", form.getValue("language") == null ? "fr" : form.getString("language"))))
      .onFailure(f -> identity.audit().auth(ctx, kind, null, "auth.register", AuthAudit.FAILURE,
        "phone " + Mask.phone(phone) + ": " + ErrorCode.of(f)))
      .compose(registered -> sendOtp(registered.account()).map(registered))
      .onSuccess(registered -> {
        JsonObject account = registered.account();
        String id = account.getString(kind.idField());
        identity.audit().auth(ctx, kind, id, "auth.register", AuthAudit.SUCCESS, "phone " + Mask.phone(phone)
          + (registered.replaced() == null ? "" : "; replaced stale unverified " + registered.replaced()));
        Responses.created(ctx, Accounts.publicView(account));
      })
      .onFailure(ctx::fail);
  }

  private Future<Void> sendOtp(JsonObject account) {
    String phone = account.getString("phone");
    return identity.otps().issue(kind, phone)
      .onSuccess(code -> identity.otpSender().send(account.getString(kind.idField()), phone, code,
        account.getString("language")))
      .mapEmpty();
  }

  private void verifyPhone(RoutingContext ctx) {
    JsonObject form = Forms.of(ctx);
    String phone = form.getString("phone");
    identity.otps().check(kind, phone, form.getString("code"))
      .compose(outcome -> outcome == Otps.Check.VALID
        ? identity.accounts().byPhone(kind, phone)
        : Future.failedFuture(otpProblem(outcome)))
      .compose(found -> found.isPresent()
        ? identity.accounts().update(kind, found.get().getString(kind.idField()), new JsonObject()
          .put("isPhoneVerified", true).put("phoneVerifiedAt", Timestamps.now()))
        : Future.failedFuture(otpProblem(Otps.Check.NONE)))
      .onSuccess(account -> {
        identity.audit().auth(ctx, kind, account.getString(kind.idField()), "auth.verify-phone", AuthAudit.SUCCESS,
          "phone " + Mask.phone(phone));
        Responses.ok(ctx, new JsonObject().put("phone", phone).put("isPhoneVerified", true)
          .put(kind.idPrefix(), Accounts.publicView(account)));
      })
      .onFailure(f -> identity.audit().auth(ctx, kind, null, "auth.verify-phone", AuthAudit.FAILURE,
        "phone " + Mask.phone(phone)))
      .onFailure(ctx::fail);
  }

  private static ApiError otpProblem(Otps.Check outcome) {
    String issue = switch (outcome) {
      case WRONG -> "is not correct";
      case TOO_MANY_ATTEMPTS -> "was guessed too many times; request a new code";
      default -> "has expired or was never sent; request a new code";
    };
    return new ApiError(ErrorCode.VALIDATION_FAILED, "The verification code " + issue,
      new JsonArray().add(new JsonObject().put("field", "code").put("issue", issue)));
  }

  private void resendOtp(RoutingContext ctx) {
    String phone = Forms.of(ctx).getString("phone");
    identity.registrationPolicy().takeSms(phone)
      .compose(v -> identity.accounts().byPhone(kind, phone))
      .compose(found -> found.filter(a -> !a.getBoolean("isPhoneVerified", false)).map(this::sendOtp)
        .orElseGet(Future::succeededFuture))
      .onSuccess(v -> Responses.json(ctx, 202, new JsonObject()
        .put("message", "If this phone number awaits verification, a new code is on its way")
        .put("expiresIn", identity.otps().ttlSeconds())))
      .onFailure(ctx::fail);
  }
}
