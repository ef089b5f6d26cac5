package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.edge.ApiError;
import cm.reeyo.storage.Mask;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Password reset of one role by a one-time code. {@link #request} issues a code for the ACTIVE account holding the
 * given phone (sent by SMS) or e-mail (sent by e-mail) and does nothing otherwise, so the caller answers the same
 * either way. {@link #reset} checks the code (the same store, attempt limit and expiry as phone verification, keyed
 * by account so the two codes never replace each other), sets the new password, clears the lockout and ends every
 * session of the account through {@link SessionEnding}.
 */
final class PasswordReset {

  static final String TEMPLATE = "password_reset";
  private static final Logger LOG = LoggerFactory.getLogger(PasswordReset.class);

  private final Identity identity;
  private final AccountKind kind;

  PasswordReset(Identity identity, AccountKind kind) {
    this.identity = identity;
    this.kind = kind;
  }

  /**
   * Issues and sends a code when an ACTIVE account holds this contact, without waiting for either (so both answers
   * take the same time); answers whether one is on its way.
   */
  Future<Boolean> request(String phone, String email) {
    return lookup(phone, email).compose(found -> {
      Optional<JsonObject> active = found.filter(a -> "ACTIVE".equals(a.getString("status")));
      if (active.isEmpty()) {
        return Future.succeededFuture(false);
      }
      JsonObject account = active.get();
      String id = account.getString(kind.idField());
      Future<Void> allowed = phone != null ? identity.registrationPolicy().takeSms(phone) : Future.succeededFuture();
      allowed.compose(v -> identity.otps().issue(kind, subject(id)))
        .onSuccess(code -> send(account, phone != null, code))
        .onFailure(f -> LOG.warn("Password reset code for {} not issued: {}", id, f.getMessage()));
      return Future.succeededFuture(true);
    });
  }

  /** Sets the new password when the code is right; answers the account id. Wrong or stale codes: VALIDATION_FAILED. */
  Future<String> reset(String phone, String email, String code, String newPassword) {
    return lookup(phone, email).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(codeProblem(Otps.Check.NONE));
      }
      JsonObject account = found.get();
      String id = account.getString(kind.idField());
      return identity.otps().check(kind, subject(id), code)
        .compose(outcome -> outcome == Otps.Check.VALID ? identity.passwords().hash(newPassword)
          : Future.failedFuture(codeProblem(outcome)))
        .compose(hash -> identity.accounts().update(kind, id, new JsonObject().put("passwordHash", hash)
          .put("tokensValidAfter", Instant.now().getEpochSecond()).put("passwordChangedAt", Timestamps.now())))
        .compose(updated -> SessionEnding.endAll(identity, kind, id, Set.of()))
        .map(id);
    });
  }

  private Future<Optional<JsonObject>> lookup(String phone, String email) {
    return phone != null ? identity.accounts().byPhone(kind, phone) : identity.accounts().byEmail(kind, email);
  }

  /** The code store's subject: per account, apart from phone verification codes (which are keyed by phone). */
  static String subject(String accountId) {
    return "reset:" + accountId;
  }

  private void send(JsonObject account, boolean bySms, String code) {
    String to = bySms ? account.getString("phone") : account.getString("email");
    JsonObject message = new JsonObject()
      .put("to", to)
      .put("template", TEMPLATE)
      .put("params", new JsonObject().put("code", code).put("firstName", account.getString("firstName", "")))
      .put("language", "en".equals(account.getString("language")) ? "en" : "fr")
      .put("accountId", account.getString(kind.idField()))
      .put("messageId", "reset-" + UUID.randomUUID());
    String masked = bySms ? Mask.phone(to) : Mask.email(to);
    BusClient.of(identity.api().vertx()).request(bySms ? NotifyAddresses.SMS : NotifyAddresses.EMAIL, message)
      .onFailure(f -> LOG.warn("Password reset code to {} not accepted by the notifier: {}", masked, f.getMessage()));
  }

  static ApiError codeProblem(Otps.Check outcome) {
    String issue = switch (outcome) {
      case WRONG -> "is not correct";
      case TOO_MANY_ATTEMPTS -> "was guessed too many times; request a new code";
      default -> "has expired or was never sent; request a new code";
    };
    return new ApiError(ErrorCode.VALIDATION_FAILED, "The reset code " + issue,
      new JsonArray().add(new JsonObject().put("field", "code").put("issue", issue)));
  }
}
