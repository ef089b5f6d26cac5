package cm.reeyo.notifier;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.notifier.inbox.InboxStore;
import cm.reeyo.storage.Ids;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The notifier's bus addresses ({@link NotifyAddresses}). Sends reply {@code {messageId}} once the message is in the
 * outbox; bad input fails with VALIDATION_FAILED. Inbox reads and device registration act on {@code accountId};
 * when the API put a principal in the headers, a non-admin may only act on its own account.
 */
public final class NotifyEndpoints {

  static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,}");
  static final int MAX_LIMIT = 100;
  private static final Logger LOG = LoggerFactory.getLogger(NotifyEndpoints.class);

  private final Outbound outbound;
  private final InboxStore inbox;
  private final Devices devices;
  private final AccountDirectory directory;

  public NotifyEndpoints(Outbound outbound, InboxStore inbox, Devices devices, AccountDirectory directory) {
    this.outbound = outbound;
    this.inbox = inbox;
    this.devices = devices;
    this.directory = directory;
  }

  public List<MessageConsumer<JsonObject>> register(EventBus bus) {
    return List.of(
      bus.consumer(NotifyAddresses.SMS, m -> answer(m, this::sms)),
      bus.consumer(NotifyAddresses.EMAIL, m -> answer(m, this::email)),
      bus.consumer(NotifyAddresses.PUSH, m -> answer(m, this::push)),
      bus.consumer(NotifyAddresses.INBOX, m -> answer(m, this::inboxAdd)),
      bus.consumer(NotifyAddresses.INBOX_LIST, m -> answer(m, this::inboxList)),
      bus.consumer(NotifyAddresses.INBOX_READ, m -> answer(m, this::inboxRead)),
      bus.consumer(NotifyAddresses.REGISTER_DEVICE, m -> answer(m, this::registerDevice)));
  }

  private Future<JsonObject> sms(Message<JsonObject> m) {
    JsonObject b = m.body();
    String to = require(b, "to", E164);
    String accountId = b.getString("accountId");
    return language(b, accountId).compose(lang -> outbound.sms(messageId(b), to, b.getString("template"),
      b.getJsonObject("params", new JsonObject()), lang, accountId));
  }

  private Future<JsonObject> email(Message<JsonObject> m) {
    JsonObject b = m.body();
    String to = require(b, "to", EMAIL);
    String accountId = b.getString("accountId");
    return language(b, accountId).compose(lang -> outbound.email(messageId(b), to, b.getString("template"),
      b.getJsonObject("params", new JsonObject()), lang, accountId));
  }

  private Future<JsonObject> push(Message<JsonObject> m) {
    JsonObject b = m.body();
    String accountId = require(b, "accountId", null);
    Role role = role(b);
    return directory.get(role, accountId).compose(account -> outbound.push(messageId(b), accountId, role,
      b.getString("template"), b.getJsonObject("params", new JsonObject()), account.getString("language")));
  }

  private Future<JsonObject> inboxAdd(Message<JsonObject> m) {
    JsonObject b = m.body();
    String accountId = require(b, "accountId", null);
    return inbox.add(accountId, require(b, "title", null), require(b, "body", null), b.getJsonObject("data"))
      .map(id -> new JsonObject().put("notificationId", id));
  }

  private Future<JsonObject> inboxList(Message<JsonObject> m) {
    JsonObject b = m.body();
    String accountId = ownAccount(m);
    int limit = Math.max(1, Math.min(MAX_LIMIT, b.getInteger("limit", 20)));
    return inbox.list(accountId, limit, b.getString("cursor"), b.getBoolean("unread", false));
  }

  private Future<JsonObject> inboxRead(Message<JsonObject> m) {
    String accountId = ownAccount(m);
    String id = require(m.body(), "notificationId", null);
    return inbox.markRead(accountId, id).map(v -> new JsonObject().put("notificationId", id).put("read", true));
  }

  private Future<JsonObject> registerDevice(Message<JsonObject> m) {
    JsonObject b = m.body();
    String accountId = ownAccount(m);
    Devices.Platform platform;
    try {
      platform = Devices.Platform.valueOf(require(b, "platform", null));
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION_FAILED.exception("platform must be IOS or ANDROID");
    }
    String token = require(b, "token", Pattern.compile("[A-Za-z0-9:_\\-.]{8,4096}"));
    return devices.register(accountId, role(b).name(), platform, token)
      .map(d -> new JsonObject().put("accountId", accountId).put("platform", platform.name()).put("registered", true));
  }

  private Future<String> language(JsonObject body, String accountId) {
    String given = body.getString("language");
    if (given != null || accountId == null) {
      return Future.succeededFuture(Templates.language(given));
    }
    Role role = AccountDirectory.roleOf(accountId);
    return directory.get(role, accountId).map(a -> Templates.language(a.getString("language")));
  }

  private static String ownAccount(Message<JsonObject> m) {
    String accountId = require(m.body(), "accountId", null);
    String actor = m.headers().get(Principal.HEADER_ID);
    String actorRole = m.headers().get(Principal.HEADER_ROLE);
    if (actor != null && !Role.ADMIN.name().equals(actorRole) && !actor.equals(accountId)) {
      throw ErrorCode.FORBIDDEN.exception("Not your inbox");
    }
    return accountId;
  }

  private static Role role(JsonObject b) {
    String raw = b.getString("role");
    Role fromId = AccountDirectory.roleOf(b.getString("accountId"));
    if (raw == null && fromId != null) {
      return fromId;
    }
    try {
      return Role.valueOf(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ErrorCode.VALIDATION_FAILED.exception("role must be USER, VENDOR or RIDER");
    }
  }

  private static String messageId(JsonObject b) {
    String given = b.getString("messageId");
    if (given == null) {
      return Ids.next("msg");
    }
    if (!given.matches("[A-Za-z0-9:_\\-.]{1,128}")) {
      throw ErrorCode.VALIDATION_FAILED.exception("messageId must be 1-128 characters [A-Za-z0-9:_-.]");
    }
    return given;
  }

  private static String require(JsonObject b, String field, Pattern pattern) {
    Object v = b == null ? null : b.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || (pattern != null && !pattern.matcher(s).matches())) {
      throw ErrorCode.VALIDATION_FAILED.exception(field + (v == null ? " is required" : " is invalid"));
    }
    return s;
  }

  private static void answer(Message<JsonObject> m, Function<Message<JsonObject>, Future<JsonObject>> work) {
    Future<JsonObject> result;
    try {
      if (m.body() == null) {
        throw ErrorCode.VALIDATION_FAILED.exception("a JSON object body is required");
      }
      result = work.apply(m);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(m::reply).onFailure(f -> {
      ErrorCode code = f instanceof ReplyException ? ErrorCode.of(f)
        : f instanceof ClassCastException ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
      if (code == ErrorCode.INTERNAL) {
        LOG.error("{} failed", m.address(), f);
      }
      m.fail(code.busCode(), code == ErrorCode.INTERNAL ? "notifier failure" : String.valueOf(f.getMessage()));
    });
  }
}
