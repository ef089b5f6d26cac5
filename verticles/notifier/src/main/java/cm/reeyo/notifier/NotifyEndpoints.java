package cm.reeyo.notifier;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.bus.BusRequest;
import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.notifier.inbox.InboxStore;
import cm.reeyo.storage.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;


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

  private BusServer server;
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

  /** Serves the notifier's addresses; completes when they are registered. */
  public Future<Void> register(Vertx vertx) {
    server = BusServer.on(vertx);
    return server
      .serve(NotifyAddresses.SMS, this::sms)
      .serve(NotifyAddresses.EMAIL, this::email)
      .serve(NotifyAddresses.PUSH, this::push)
      .serve(NotifyAddresses.INBOX, this::inboxAdd)
      .serve(NotifyAddresses.INBOX_LIST, this::inboxList)
      .serve(NotifyAddresses.INBOX_READ, this::inboxRead)
      .serve(NotifyAddresses.REGISTER_DEVICE, this::registerDevice)
      .ready();
  }

  /** Takes the endpoints out of service, answering what they already hold ({@link BusServer#drain()}). */
  public Future<Void> drain() {
    return server == null ? Future.succeededFuture() : server.drain();
  }

  private Future<JsonObject> sms(BusRequest m) {
    JsonObject b = m.body();
    String to = require(b, "to", E164);
    String accountId = b.getString("accountId");
    return language(b, accountId).compose(lang -> outbound.sms(messageId(b), to, b.getString("template"),
      b.getJsonObject("params", new JsonObject()), lang, accountId));
  }

  private Future<JsonObject> email(BusRequest m) {
    JsonObject b = m.body();
    String to = require(b, "to", EMAIL);
    String accountId = b.getString("accountId");
    return language(b, accountId).compose(lang -> outbound.email(messageId(b), to, b.getString("template"),
      b.getJsonObject("params", new JsonObject()), lang, accountId));
  }

  private Future<JsonObject> push(BusRequest m) {
    JsonObject b = m.body();
    String accountId = require(b, "accountId", null);
    Role role = role(b);
    return directory.get(role, accountId).compose(account -> outbound.push(messageId(b), accountId, role,
      b.getString("template"), b.getJsonObject("params", new JsonObject()), account.getString("language")));
  }

  private Future<JsonObject> inboxAdd(BusRequest m) {
    JsonObject b = m.body();
    String accountId = require(b, "accountId", null);
    return inbox.add(accountId, require(b, "title", null), require(b, "body", null), b.getJsonObject("data"))
      .map(id -> new JsonObject().put("notificationId", id));
  }

  private Future<JsonObject> inboxList(BusRequest m) {
    JsonObject b = m.body();
    String accountId = ownAccount(m);
    int limit = Math.max(1, Math.min(MAX_LIMIT, b.getInteger("limit", 20)));
    return inbox.list(accountId, limit, b.getString("cursor"), b.getBoolean("unread", false));
  }

  private Future<JsonObject> inboxRead(BusRequest m) {
    String accountId = ownAccount(m);
    String id = require(m.body(), "notificationId", null);
    return inbox.markRead(accountId, id).map(v -> new JsonObject().put("notificationId", id).put("read", true));
  }

  private Future<JsonObject> registerDevice(BusRequest m) {
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

  private static String ownAccount(BusRequest m) {
    String accountId = require(m.body(), "accountId", null);
    Principal actor = m.principal().orElse(null);
    if (actor != null && !actor.is(Role.ADMIN) && !actor.id().equals(accountId)) {
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
}
