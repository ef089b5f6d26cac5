package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Campay collections and withdrawals ({@code payments} table): paymentId (also sent as Campay's
 * {@code external_reference}), reference (Campay's, once known), status PENDING → SUCCESSFUL | FAILED (final),
 * amount, purpose TOPUP | ORDER | PAYOUT, ownerId/ownerType, orderId or payoutId, phone.
 */
final class Payments {

  static final String PENDING = "PENDING";
  static final String SUCCESSFUL = "SUCCESSFUL";
  static final String FAILED = "FAILED";

  private final Dynamo dynamo;
  private final Clock clock;

  Payments(Dynamo dynamo, Clock clock) {
    this.dynamo = dynamo;
    this.clock = clock;
  }

  private String table() {
    return dynamo.table(WalletTables.PAYMENTS);
  }

  /** Creates the record, or answers the one already stored under its id ({@code existing: true}). */
  Future<JsonObject> create(JsonObject record) {
    JsonObject item = record.copy().put("status", PENDING).put("createdAt", Timestamps.format(clock.instant()));
    return dynamo.call(c -> c.putItem(b -> b.tableName(table()).item(Items.toItem(item))
        .conditionExpression("attribute_not_exists(paymentId)")))
      .map(r -> item.put("existing", false))
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? get(record.getString("paymentId")).map(p -> p.put("existing", true)) : Future.failedFuture(f));
  }

  Future<JsonObject> get(String paymentId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table()).key(Items.key("paymentId", paymentId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  Future<JsonObject> byReference(String reference) {
    return dynamo.call(c -> c.query(b -> b.tableName(table()).indexName("reference-index")
        .keyConditionExpression("#r = :r").expressionAttributeNames(Map.of("#r", "reference"))
        .expressionAttributeValues(Map.of(":r", Items.s(reference))).limit(1)))
      .map(r -> r.items().isEmpty() ? null : Items.toJson(r.items().get(0)));
  }

  /** Records Campay's reference once (a second, different reference is refused). */
  Future<Void> attachReference(String paymentId, String reference, JsonObject answer) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table()).key(Items.key("paymentId", paymentId))
        .updateExpression("SET #r = :r, ussdCode = :u, #o = :o, updatedAt = :now")
        .conditionExpression("attribute_not_exists(#r) OR #r = :r")
        .expressionAttributeNames(Map.of("#r", "reference", "#o", "operator"))
        .expressionAttributeValues(Map.of(":r", Items.s(reference), ":u", Items.s(answer.getString("ussd_code", "")),
          ":o", Items.s(answer.getString("operator", "")), ":now", Items.s(Timestamps.format(clock.instant()))))))
      .<Void>mapEmpty()
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.failedFuture(ErrorCode.CONFLICT.exception("The payment already has another reference"))
        : Future.failedFuture(f));
  }

  /** PENDING → FAILED; answers false when the payment had already left PENDING. */
  Future<Boolean> markFailed(String paymentId, String reason) {
    return dynamo.call(c -> c.updateItem(asRequest(finalStatus(paymentId, FAILED, reason))))
      .map(r -> true)
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(false) : Future.failedFuture(f));
  }

  /** PENDING → FAILED together with {@code alsoWrite} in one transaction; false when the payment had left PENDING. */
  Future<Boolean> markFailed(Vertx vertx, String paymentId, String reason, TransactWriteItem alsoWrite) {
    return Transactions.write(vertx, dynamo, List.of(finalStatusWrite(paymentId, FAILED, reason), alsoWrite))
      .map(r -> true)
      .recover(f -> TableBootstrap.isCause(f, TransactionCanceledException.class)
        ? get(paymentId).compose(p -> p != null && !PENDING.equals(p.getString("status"))
          ? Future.succeededFuture(false) : Future.<Boolean>failedFuture(f))
        : Future.failedFuture(f));
  }

  /** Creates a payment record as a write of a transaction (the approval of a payout creates its payment). */
  TransactWriteItem createItem(JsonObject record) {
    JsonObject item = record.copy().put("status", PENDING).put("createdAt", Timestamps.format(clock.instant()));
    return TransactWriteItem.builder().put(p -> p.tableName(table()).item(Items.toItem(item))
      .conditionExpression("attribute_not_exists(paymentId)")).build();
  }

  /**
   * Claims the sending of a payout's withdrawal: true for exactly one caller while the payment is PENDING and not yet
   * claimed, so a recovery never sends a second withdrawal for one payment.
   */
  Future<Boolean> claimSend(String paymentId) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table()).key(Items.key("paymentId", paymentId))
        .updateExpression("SET sendClaimedAt = :now")
        .conditionExpression("#s = :pending AND attribute_not_exists(sendClaimedAt)")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":now", Items.s(Timestamps.format(clock.instant())), ":pending", Items.s(PENDING)))))
      .map(r -> true)
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? Future.succeededFuture(false) : Future.failedFuture(f));
  }

  /** Gives a claim back when the withdrawal surely did not leave (Campay could not be reached): it may be sent again. */
  Future<Void> releaseSend(String paymentId) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table()).key(Items.key("paymentId", paymentId))
        .updateExpression("REMOVE sendClaimedAt").conditionExpression("#s = :pending")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":pending", Items.s(PENDING)))))
      .<Void>mapEmpty().otherwiseEmpty();
  }

  /** PENDING → {@code status} as a write of a ledger transaction (the at-most-once guard of a confirmation). */
  TransactWriteItem finalStatusWrite(String paymentId, String status, String reason) {
    return TransactWriteItem.builder().update(finalStatus(paymentId, status, reason)).build();
  }

  private Update finalStatus(String paymentId, String status, String reason) {
    Instant now = clock.instant();
    return Update.builder().tableName(table()).key(Items.key("paymentId", paymentId))
      .updateExpression("SET #s = :s, statusReason = :why, updatedAt = :now")
      .conditionExpression("#s = :pending")
      .expressionAttributeNames(Map.of("#s", "status"))
      .expressionAttributeValues(Map.of(":s", Items.s(status), ":why", Items.s(reason == null ? status : reason),
        ":now", Items.s(Timestamps.format(now)), ":pending", Items.s(PENDING)))
      .build();
  }

  /** A transaction's Update as a standalone UpdateItem request. */
  static UpdateItemRequest asRequest(Update u) {
    return UpdateItemRequest.builder().tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
      .conditionExpression(u.conditionExpression()).expressionAttributeNames(u.expressionAttributeNames())
      .expressionAttributeValues(u.expressionAttributeValues()).build();
  }

  /** PENDING payments created before {@code cutoff}, oldest first. */
  Future<List<JsonObject>> pendingBefore(Instant cutoff, int limit) {
    return dynamo.call(c -> c.query(b -> b.tableName(table()).indexName("status-index")
        .keyConditionExpression("#s = :p AND createdAt < :cut")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.<String, AttributeValue>of(":p", Items.s(PENDING),
          ":cut", Items.s(Timestamps.format(cutoff))))
        .limit(limit)))
      .map(r -> r.items().stream().map(Items::toJson).toList());
  }

  /** What a client may see of a payment (no phone, no internal hashes). */
  static JsonObject view(JsonObject p) {
    return new JsonObject().put("paymentId", p.getString("paymentId")).put("reference", p.getString("reference"))
      .put("status", p.getString("status")).put("amount", p.getLong("amount")).put("purpose", p.getString("purpose"))
      .put("orderId", p.getString("orderId")).put("ussdCode", p.getString("ussdCode"))
      .put("createdAt", p.getString("createdAt"));
  }
}
