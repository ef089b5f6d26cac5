package cm.reeyo.notifier.outbox;

import cm.reeyo.notifier.Channel;
import cm.reeyo.notifier.NotifierTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notifier's durable queue (DynamoDB {@code outbox}). A message is written once per messageId (a second
 * write of the same id is refused: dedupe), claimed with a conditional update that takes a lease (only one sender at
 * a time, on any node), then marked SENT, rescheduled (PENDING with a later nextAttemptAt) or FAILED. A lease left
 * by a crashed node expires and the message is claimed again.
 *
 * <p>A payload marked {@link #SENSITIVE} (one-time codes, password-reset codes: {@link #SENSITIVE_TEMPLATES}) loses
 * its texts ({@code text}, {@code html}, {@code subject}) in the same write that records it SENT or FAILED, and is then
 * kept one day ({@link #KEEP_SENSITIVE}) instead of a week: the code exists in plain text only while it waits to be sent.
 */
public final class Outbox {

  public static final String PENDING = "PENDING";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  /** Payload flag of a message whose texts carry a secret. */
  public static final String SENSITIVE = "sensitive";
  /** Templates whose rendered texts carry a secret (the notifier marks their payloads {@link #SENSITIVE}). */
  public static final java.util.Set<String> SENSITIVE_TEMPLATES = java.util.Set.of("otp", "password_reset");
  /** How long a sensitive message's (redacted) record is kept. */
  public static final Duration KEEP_SENSITIVE = Duration.ofDays(1);
  private static final Duration KEEP = Duration.ofDays(7);
  private static final String REDACT = " REMOVE #l, payload.#text, payload.#html, payload.#subj";
  private static final Map<String, String> REDACT_NAMES = Map.of("#text", "text", "#html", "html", "#subj", "subject");
  private static final Map<String, String> NAMES = Map.of("#s", "status", "#n", "nextAttemptAt", "#l", "leaseUntil",
    "#o", "owner");

  private final Dynamo dynamo;
  private final String table;
  private final String owner;

  public Outbox(Dynamo dynamo, String owner) {
    this.dynamo = dynamo;
    this.table = dynamo.table(NotifierTables.OUTBOX);
    this.owner = owner;
  }

  /** Stores a new PENDING message due now; answers false when this messageId is already known (nothing written). */
  public Future<Boolean> add(String messageId, Channel channel, JsonObject payload) {
    Instant now = Instant.now();
    JsonObject record = new JsonObject()
      .put("messageId", messageId).put("status", PENDING).put("channel", channel.name()).put("payload", payload)
      .put("attempts", 0).put("nextAttemptAt", now.toEpochMilli()).put("createdAt", Timestamps.format(now))
      .put("expiresAt", now.plus(KEEP).getEpochSecond());
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(Items.toItem(record))
        .conditionExpression("attribute_not_exists(messageId)")))
      .map(ok -> true)
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(false) : Future.failedFuture(f));
  }

  /** Takes the lease on a due message; answers the claimed record, or null when it is not claimable now. */
  public Future<JsonObject> claim(String messageId, long leaseMs) {
    long now = System.currentTimeMillis();
    long until = now + leaseMs;
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("messageId", messageId))
        .updateExpression("SET #s = :sending, #l = :until, #n = :until, #o = :me")
        .conditionExpression("(#s = :pending AND #n <= :now) OR (#s = :sending AND #l < :now)")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(Map.of(":sending", Items.s(SENDING), ":pending", Items.s(PENDING),
          ":until", Items.n(until), ":now", Items.n(now), ":me", Items.s(owner)))
        .returnValues(ReturnValue.ALL_NEW)))
      .map(r -> Items.toJson(r.attributes()))
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(null) : Future.failedFuture(f));
  }

  /** The provider accepted the message: it is never sent again. A sensitive payload loses its texts. */
  public Future<Void> sent(String messageId, String providerId, boolean sensitive) {
    Map<String, String> names = new java.util.HashMap<>(Map.of("#s", "status", "#l", "leaseUntil"));
    Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":sent", Items.s(SENT),
      ":at", Items.s(Timestamps.now()), ":pid", Items.s(providerId == null ? "-" : providerId)));
    String update = "SET #s = :sent, sentAt = :at, providerId = :pid" + redaction(sensitive, names, values);
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("messageId", messageId))
        .updateExpression(update)
        .expressionAttributeNames(names).expressionAttributeValues(values)))
      .mapEmpty();
  }

  /**
   * The end of a release update: the lease's REMOVE, and for a sensitive message the redacted flag and short expiry
   * (SET) and the removal of its texts.
   */
  private static String redaction(boolean sensitive, Map<String, String> names, Map<String, AttributeValue> values) {
    if (!sensitive) {
      return " REMOVE #l";
    }
    names.putAll(REDACT_NAMES);
    values.put(":redacted", AttributeValue.fromBool(true));
    values.put(":short", Items.n(Instant.now().plus(KEEP_SENSITIVE).getEpochSecond()));
    return ", payload.redacted = :redacted, expiresAt = :short" + REDACT;
  }

  /** Back to PENDING, due at {@code dueAt} (epoch ms); only while this owner still holds the lease. */
  public Future<Void> retryLater(String messageId, long attempts, long dueAt, String error) {
    return release(messageId, PENDING, attempts, dueAt, error);
  }

  /** Given up (permanent failure or attempts exhausted); kept for a week for inspection (a day, redacted, if sensitive). */
  public Future<Void> failed(String messageId, long attempts, String error, boolean sensitive) {
    return release(messageId, FAILED, attempts, Long.MAX_VALUE / 2, error, sensitive);
  }

  private Future<Void> release(String messageId, String status, long attempts, long dueAt, String error) {
    return release(messageId, status, attempts, dueAt, error, false);
  }

  private Future<Void> release(String messageId, String status, long attempts, long dueAt, String error,
                               boolean sensitive) {
    Map<String, String> names = new java.util.HashMap<>(NAMES);
    Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":status", Items.s(status), ":due", Items.n(dueAt),
      ":attempts", Items.n(attempts), ":error", Items.s(error == null ? "" : truncate(error)),
      ":sending", Items.s(SENDING), ":me", Items.s(owner)));
    String update = "SET #s = :status, #n = :due, attempts = :attempts, lastError = :error"
      + redaction(sensitive, names, values);
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("messageId", messageId))
        .updateExpression(update)
        .conditionExpression("#s = :sending AND #o = :me")
        .expressionAttributeNames(names).expressionAttributeValues(values)))
      .<Void>mapEmpty()
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture() : Future.failedFuture(f));
  }

  /** Ids of messages due now: PENDING ones whose time has come and SENDING ones whose lease expired. */
  public Future<List<String>> due(int limit) {
    return due(PENDING, limit).compose(pending -> due(SENDING, limit).map(expired -> {
      List<String> all = new ArrayList<>(pending);
      all.addAll(expired);
      return all;
    }));
  }

  private Future<List<String>> due(String status, int limit) {
    return dynamo.call(c -> c.query(b -> b.tableName(table).indexName(NotifierTables.STATUS_INDEX)
        .keyConditionExpression("#s = :status AND #n <= :now")
        .expressionAttributeNames(Map.of("#s", "status", "#n", "nextAttemptAt"))
        .expressionAttributeValues(Map.of(":status", Items.s(status), ":now", Items.n(System.currentTimeMillis())))
        .limit(limit)))
      .map(r -> r.items().stream().map(item -> item.getOrDefault("messageId", AttributeValue.fromS("")).s()).toList());
  }

  /** The stored record (tests, inspection), or null. */
  public Future<JsonObject> get(String messageId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table).key(Items.key("messageId", messageId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
