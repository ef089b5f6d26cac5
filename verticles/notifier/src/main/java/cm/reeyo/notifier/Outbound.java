package cm.reeyo.notifier;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.notifier.outbox.Dispatcher;
import cm.reeyo.notifier.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Accepts messages: renders the template in the recipient's language, writes the result to the outbox under its
 * messageId (a messageId already there is accepted once: nothing new is written), then tries to send at once.
 * Answers {@code {messageId, duplicate}} once the message is safely stored.
 */
public final class Outbound {

  private final Templates templates;
  private final Outbox outbox;
  private final Dispatcher dispatcher;
  private final Devices devices;

  public Outbound(Templates templates, Outbox outbox, Dispatcher dispatcher, Devices devices) {
    this.templates = templates;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.devices = devices;
  }

  public Future<JsonObject> sms(String messageId, String to, String template, JsonObject params, String language,
                                String accountId) {
    JsonObject text = render(template, Channel.SMS, language, params);
    return enqueue(messageId, Channel.SMS, sensitive(template, new JsonObject().put("to", to)
      .put("text", text.getString("text")).put("accountId", accountId)));
  }

  public Future<JsonObject> email(String messageId, String to, String template, JsonObject params, String language,
                                  String accountId) {
    JsonObject mail = render(template, Channel.EMAIL, language, params);
    return enqueue(messageId, Channel.EMAIL, sensitive(template, mail.put("to", to).put("accountId", accountId)));
  }

  /** One outbox message per registered device ({@code <messageId>-<token hash>}); answers the device count too. */
  public Future<JsonObject> push(String messageId, String accountId, Role role, String template, JsonObject params,
                                 String language) {
    JsonObject texts = render(template, Channel.PUSH, language, params);
    JsonObject data = new JsonObject().put("template", template).put("role", role.name());
    copy(params, data, "orderId", "payoutId");
    return devices.of(accountId).compose(list -> Future.all(list.stream()
        .map(device -> enqueue(messageId + "-" + shortHash(device.getString("token")), Channel.PUSH, new JsonObject()
          .put("accountId", accountId).put("platform", device.getString("platform")).put("token", device.getString("token"))
          .put("title", texts.getString("title")).put("body", texts.getString("body")).put("data", data)))
        .toList())
      .map(all -> new JsonObject().put("messageId", messageId).put("devices", list.size())));
  }

  /** An inbox entry that must be written once even though every notifier instance hears the same event. */
  public Future<JsonObject> inbox(String messageId, String accountId, String template, JsonObject params,
                                  String language, JsonObject data) {
    JsonObject texts = render(template, Channel.INBOX, language, params);
    return enqueue(messageId, Channel.INBOX, new JsonObject().put("accountId", accountId)
      .put("title", texts.getString("title")).put("body", texts.getString("body")).put("data", data));
  }

  /** Marks the payload of a template carrying a secret: its texts are removed from the outbox once sent or failed. */
  private static JsonObject sensitive(String template, JsonObject payload) {
    return Outbox.SENSITIVE_TEMPLATES.contains(template) ? payload.put(Outbox.SENSITIVE, true) : payload;
  }

  public boolean has(String template, Channel channel) {
    return templates.has(template, channel);
  }

  private JsonObject render(String template, Channel channel, String language, JsonObject params) {
    if (template == null || !templates.has(template, channel)) {
      throw ErrorCode.VALIDATION_FAILED.exception("unknown " + channel.templateKey() + " template " + template);
    }
    return templates.render(template, channel, language, params);
  }

  private Future<JsonObject> enqueue(String messageId, Channel channel, JsonObject payload) {
    return outbox.add(messageId, channel, payload).map(added -> {
      if (added) {
        dispatcher.attempt(messageId);
      }
      return new JsonObject().put("messageId", messageId).put("duplicate", !added);
    });
  }

  private static void copy(JsonObject from, JsonObject to, String... keys) {
    for (String key : List.of(keys)) {
      if (from != null && from.getValue(key) != null) {
        to.put(key, from.getValue(key).toString());
      }
    }
  }

  /** First 16 hex digits of SHA-256: stable message ids derived from other values. */
  public static String shortHash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
