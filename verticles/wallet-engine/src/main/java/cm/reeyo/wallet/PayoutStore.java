package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Payout requests ({@code payouts} table): REQUESTED (amount held in payouts-in-flight) → PROCESSING (approved,
 * withdrawal sent) → PAID | FAILED, or REQUESTED → REJECTED. Every status change is conditional on the one before.
 */
final class PayoutStore {

  private final Dynamo dynamo;
  private final Clock clock;

  PayoutStore(Dynamo dynamo, Clock clock) {
    this.dynamo = dynamo;
    this.clock = clock;
  }

  private String table() {
    return dynamo.table(WalletTables.PAYOUTS);
  }

  TransactWriteItem create(JsonObject payout) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table()).item(Items.toItem(payout))
      .conditionExpression("attribute_not_exists(payoutId)").build()).build();
  }

  Future<JsonObject> get(String payoutId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table()).key(Items.key("payoutId", payoutId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** {@code from} → {@code to}, with who decided and why; the transaction write form for ledger transfers. */
  TransactWriteItem move(String payoutId, String from, String to, String actorId, String reason) {
    return TransactWriteItem.builder().update(update(payoutId, from, to, actorId, reason)).build();
  }

  /** PROCESSING → PAID | FAILED. */
  TransactWriteItem finish(String payoutId, String to) {
    return move(payoutId, "PROCESSING", to, null, null);
  }

  /** REQUESTED → PROCESSING by {@code adminId}, naming the payment that sends it: a write of the approval's transaction. */
  TransactWriteItem approve(String payoutId, String adminId, String paymentId) {
    Update u = update(payoutId, "REQUESTED", "PROCESSING", adminId, null);
    return TransactWriteItem.builder().update(u.toBuilder().updateExpression(u.updateExpression() + ", paymentId = :pm")
      .expressionAttributeValues(merge(u.expressionAttributeValues(), ":pm", Items.s(paymentId))).build()).build();
  }

  private Update update(String payoutId, String from, String to, String actorId, String reason) {
    String now = Timestamps.format(clock.instant());
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", Items.s(to), ":from", Items.s(from),
      ":now", Items.s(now)));
    StringBuilder expr = new StringBuilder("SET #s = :to, updatedAt = :now");
    if (actorId != null) {
      expr.append(", decidedBy = :by, decidedAt = :now");
      values.put(":by", Items.s(actorId));
    }
    if (reason != null) {
      expr.append(", reason = :why");
      values.put(":why", Items.s(reason));
    }
    return Update.builder().tableName(table()).key(Items.key("payoutId", payoutId))
      .updateExpression(expr.toString()).conditionExpression("#s = :from")
      .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values).build();
  }

  /** A page of payouts by status (admin) or by owner; newest first. */
  Future<JsonObject> page(String index, String hashName, String hashValue, int limit, String cursor) {
    QueryRequest.Builder q = QueryRequest.builder().tableName(table()).indexName(index)
      .keyConditionExpression("#h = :h").expressionAttributeNames(Map.of("#h", hashName))
      .expressionAttributeValues(Map.of(":h", Items.s(hashValue))).scanIndexForward(false).limit(limit);
    return Cursors.read(cursor, CursorScope.query(WalletTables.PAYOUTS_TABLE, index, hashValue))
      .compose(start -> dynamo.call(c -> c.query(q.exclusiveStartKey(start).build()))).map(r -> {
      JsonArray items = new JsonArray();
      r.items().forEach(i -> items.add(view(Items.toJson(i))));
      return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
    });
  }

  static JsonObject view(JsonObject p) {
    JsonObject v = p.copy();
    v.remove("requestHash");
    return v;
  }

  private static Map<String, AttributeValue> merge(Map<String, AttributeValue> m, String k, AttributeValue v) {
    Map<String, AttributeValue> out = new HashMap<>(m);
    out.put(k, v);
    return out;
  }
}
