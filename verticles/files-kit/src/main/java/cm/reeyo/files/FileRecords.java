package cm.reeyo.files;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The {@code files} table: uploads and the files they became. State changes are conditional on PENDING. */
final class FileRecords {

  static final String PENDING = "PENDING";
  static final String CONFIRMED = "CONFIRMED";
  static final String REJECTED = "REJECTED";
  static final String EXPIRED = "EXPIRED";

  private final Dynamo dynamo;

  FileRecords(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  Future<Void> create(JsonObject upload) {
    return dynamo.call(c -> c.putItem(b -> b.tableName(table()).item(Items.toItem(upload))
      .conditionExpression("attribute_not_exists(fileId)"))).mapEmpty();
  }

  /** The record, or {@code null}. */
  Future<JsonObject> get(String fileId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table()).key(Items.key("fileId", fileId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** PENDING → CONFIRMED with {@code fields} added; CONFLICT when it is no longer pending. */
  Future<Void> confirm(String fileId, JsonObject fields) {
    StringBuilder set = new StringBuilder("SET #state = :confirmed");
    Map<String, String> names = new java.util.HashMap<>(Map.of("#state", "state"));
    Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":confirmed", Items.s(CONFIRMED), ":pending", Items.s(PENDING)));
    int i = 0;
    for (String field : fields.fieldNames()) {
      set.append(", #f").append(i).append(" = :v").append(i);
      names.put("#f" + i, field);
      values.put(":v" + i, Items.value(fields.getValue(field)));
      i++;
    }
    return conditional(b -> b.updateExpression(set + " REMOVE pending").expressionAttributeNames(names)
      .expressionAttributeValues(values), fileId);
  }

  /** PENDING → REJECTED with the reason; nothing is attached. */
  Future<Void> reject(String fileId, String reason) {
    return conditional(b -> b.updateExpression("SET #state = :rejected, reason = :reason REMOVE pending")
      .expressionAttributeNames(Map.of("#state", "state"))
      .expressionAttributeValues(Map.of(":rejected", Items.s(REJECTED), ":reason", Items.s(reason), ":pending", Items.s(PENDING))),
      fileId);
  }

  /** PENDING → EXPIRED (the sweep); CONFLICT when it was confirmed or refused meanwhile. */
  Future<Void> expire(String fileId) {
    return conditional(b -> b.updateExpression("SET #state = :expired REMOVE pending")
      .expressionAttributeNames(Map.of("#state", "state"))
      .expressionAttributeValues(Map.of(":expired", Items.s(EXPIRED), ":pending", Items.s(PENDING))), fileId);
  }

  /** Up to {@code limit} uploads still pending whose URL expired before {@code now}. */
  Future<List<JsonObject>> expired(Instant now, int limit) {
    return dynamo.call(c -> c.query(b -> b.tableName(table()).indexName(FilesTables.PENDING_INDEX).limit(limit)
        .keyConditionExpression("pending = :p AND expiresAt < :now")
        .expressionAttributeValues(Map.of(":p", Items.s(PENDING), ":now", Items.n(now.getEpochSecond())))))
      .map(r -> r.items().stream().map(Items::toJson).toList());
  }

  private Future<Void> conditional(java.util.function.Consumer<software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.Builder> update,
                                   String fileId) {
    return dynamo.call(c -> c.updateItem(b -> {
        b.tableName(table()).key(Items.key("fileId", fileId)).conditionExpression("#state = :pending");
        update.accept(b);
      })).<Void>mapEmpty()
      .recover(f -> Future.failedFuture(f instanceof ConditionalCheckFailedException
        || f.getCause() instanceof ConditionalCheckFailedException
        ? ErrorCode.CONFLICT.exception("This upload is no longer pending") : f));
  }

  private String table() {
    return dynamo.table(FilesTables.FILES);
  }
}
