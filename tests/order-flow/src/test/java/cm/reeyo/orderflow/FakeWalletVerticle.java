package cm.reeyo.orderflow;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for the wallet engine until its branch is merged: exactly the agreed contract against the real
 * tables. pay-order debits the customer into escrow AND puts the order in one TransactWriteItems (with an
 * idempotency record); settle-order and refund-order are idempotent by orderId; collect-order records the request.
 * Wallet items: {@code walletId = "wallet#<ownerId>"}, escrow {@code wallet#escrow}, platform {@code wallet#platform}.
 */
public class FakeWalletVerticle extends VerticleBase {

  /** Test-only: {@code {ownerId}} → {@code {balance}}. */
  public static final String FAKE_BALANCE = "fake-wallet.balance";
  public static final String ESCROW = "escrow";
  public static final String PLATFORM = "platform";

  public final JsonArray collections = new JsonArray();
  private Dynamo dynamo;

  @Override
  public Future<?> start() {
    dynamo = Dynamo.acquire(vertx, config());
    return Future.all(List.of(
      vertx.eventBus().consumer(WalletAddresses.PAY_ORDER, (Message<JsonObject> m) -> reply(m, pay(m.body()))).completion(),
      vertx.eventBus().consumer(WalletAddresses.SETTLE_ORDER, (Message<JsonObject> m) -> reply(m, settle(m.body()))).completion(),
      vertx.eventBus().consumer(WalletAddresses.REFUND_ORDER, (Message<JsonObject> m) -> reply(m, refund(m.body()))).completion(),
      vertx.eventBus().consumer(WalletAddresses.COLLECT_FOR_ORDER, (Message<JsonObject> m) -> {
        collections.add(m.body());
        m.reply(new JsonObject().put("reference", "fake-" + m.body().getString("orderId")));
      }).completion(),
      vertx.eventBus().consumer(FAKE_BALANCE, (Message<JsonObject> m) -> reply(m, balance(m.body().getString("ownerId")))).completion()));
  }

  @Override
  public Future<?> stop() {
    Dynamo.release(vertx);
    return Future.succeededFuture();
  }

  private Future<JsonObject> pay(JsonObject req) {
    long amount = req.getLong("amount");
    String key = "pay#" + req.getString("idempotencyKey");
    JsonObject answer = new JsonObject().put("transferId", "tr_" + req.getString("orderId"));
    List<TransactWriteItem> items = List.of(
      debit(req.getString("userId"), amount),
      credit(ESCROW, amount),
      put(CoreTables.IDEMPOTENCY, new JsonObject().put("key", key).put("orderId", req.getString("orderId"))
        .put("amount", amount).put("answer", answer), "key"),
      put(CoreTables.ORDERS, req.getJsonObject("orderItem"), "orderId"));
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(items)))
      .compose(ok -> balance(req.getString("userId")))
      .map(b -> answer.copy().put("balanceAfter", b.getLong("balance")))
      .recover(f -> {
        List<String> reasons = reasons(f);
        if (reasons.size() > 0 && "ConditionalCheckFailed".equals(reasons.get(0))) {
          return Future.failedFuture(ErrorCode.INSUFFICIENT_FUNDS.exception("Insufficient funds"));
        }
        if (reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2))) {
          return record(key).compose(r -> req.getString("orderId").equals(r.getString("orderId")) && amount == r.getLong("amount")
            ? Future.succeededFuture(r.getJsonObject("answer"))
            : Future.failedFuture(ErrorCode.IDEMPOTENCY_KEY_REUSED.exception("Key reused")));
        }
        if (reasons.size() > 3 && "ConditionalCheckFailed".equals(reasons.get(3))) {
          return Future.failedFuture(ErrorCode.CONFLICT.exception("Order exists"));
        }
        return Future.failedFuture(f);
      });
  }

  private Future<JsonObject> settle(JsonObject req) {
    long subtotal = req.getLong("subtotal");
    long fee = req.getLong("deliveryFee");
    long commission = Math.round(subtotal * 0.15);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(put(CoreTables.IDEMPOTENCY, new JsonObject().put("key", "settle#" + req.getString("orderId")), "key"));
    if (!"CASH".equals(req.getString("paymentMethod"))) {
      items.add(debit(ESCROW, subtotal + fee));
      items.add(credit(req.getString("vendorId"), subtotal - commission));
      items.add(credit(req.getString("riderId"), fee));
      items.add(credit(PLATFORM, commission));
    }
    return once(items, "settled");
  }

  private Future<JsonObject> refund(JsonObject req) {
    long amount = req.getLong("amount");
    return once(List.of(put(CoreTables.IDEMPOTENCY, new JsonObject().put("key", "refund#" + req.getString("orderId")), "key"),
      debit(ESCROW, amount), credit(req.getString("userId"), amount)), "refunded");
  }

  private Future<JsonObject> once(List<TransactWriteItem> items, String what) {
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(items)))
      .map(ok -> new JsonObject().put(what, true))
      .recover(f -> {
        List<String> reasons = reasons(f);
        return reasons.size() > 0 && "ConditionalCheckFailed".equals(reasons.get(0))
          ? Future.succeededFuture(new JsonObject().put(what, true).put("replayed", true)) : Future.failedFuture(f);
      });
  }

  public Future<JsonObject> balance(String ownerId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).key(Items.key("walletId", "wallet#" + ownerId))
        .consistentRead(true)))
      .map(r -> new JsonObject().put("ownerId", ownerId).put("balance", r.hasItem() && r.item().containsKey("balance")
        ? Long.parseLong(r.item().get("balance").n()) : 0L));
  }

  /** Test helper: sets an owner's balance (a top-up stand-in). */
  public Future<Void> fund(String ownerId, long balance) {
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).item(Items.toItem(new JsonObject()
      .put("walletId", "wallet#" + ownerId).put("ownerId", ownerId).put("balance", balance).put("currency", "XAF"))))).mapEmpty();
  }

  private Future<JsonObject> record(String key) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.IDEMPOTENCY)).key(Items.key("key", key)).consistentRead(true)))
      .map(r -> Items.toJson(r.item()));
  }

  private TransactWriteItem debit(String ownerId, long amount) {
    return TransactWriteItem.builder().update(u -> u.tableName(dynamo.table(CoreTables.WALLETS)).key(Items.key("walletId", "wallet#" + ownerId))
      .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
      .expressionAttributeValues(Map.of(":a", Items.n(amount)))).build();
  }

  private TransactWriteItem credit(String ownerId, long amount) {
    return TransactWriteItem.builder().update(u -> u.tableName(dynamo.table(CoreTables.WALLETS)).key(Items.key("walletId", "wallet#" + ownerId))
      .updateExpression("ADD balance :a SET ownerId = :o").expressionAttributeValues(Map.of(":a", Items.n(amount), ":o", Items.s(ownerId)))).build();
  }

  private TransactWriteItem put(String table, JsonObject item, String idField) {
    return TransactWriteItem.builder().put(p -> p.tableName(dynamo.table(table)).item(Items.toItem(item))
      .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", idField))).build();
  }

  private static List<String> reasons(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause()) {
      if (t instanceof TransactionCanceledException tce && tce.hasCancellationReasons()) {
        return tce.cancellationReasons().stream().map(CancellationReason::code).toList();
      }
    }
    return List.of();
  }

  private static void reply(Message<JsonObject> m, Future<JsonObject> answer) {
    answer.onSuccess(m::reply).onFailure(f -> {
      ErrorCode code = ErrorCode.of(f);
      m.fail(code.busCode(), f.getMessage());
    });
  }

}
