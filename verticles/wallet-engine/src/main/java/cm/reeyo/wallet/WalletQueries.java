package cm.reeyo.wallet;

import io.vertx.core.eventbus.ReplyException;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.util.Map;

/** Opening wallets, balances and statements (a wallet's entries, newest first, cursor-paged). */
final class WalletQueries {

  private final Dynamo dynamo;
  private final Ledger ledger;
  private final Clock clock;

  WalletQueries(Dynamo dynamo, Ledger ledger, Clock clock) {
    this.dynamo = dynamo;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Creates the owner's empty wallet if missing; answers the wallet either way. */
  Future<JsonObject> open(String ownerId, String ownerType) {
    if (Role.ADMIN.name().equals(ownerType)) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("Admins have no wallet"));
    }
    String now = Timestamps.format(clock.instant());
    JsonObject wallet = new JsonObject().put("walletId", Account.walletIdOf(ownerId)).put("ownerId", ownerId)
      .put("ownerType", ownerType).put("balance", 0L).put("version", 0L).put("currency", "XAF")
      .put("createdAt", now).put("updatedAt", now);
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).item(Items.toItem(wallet))
        .conditionExpression("attribute_not_exists(walletId)")))
      .map(r -> view(wallet))
      .recover(f -> TableBootstrap.isCause(f, ConditionalCheckFailedException.class)
        ? ledger.wallet(wallet.getString("walletId")).map(WalletQueries::view) : Future.failedFuture(f));
  }

  Future<JsonObject> balance(Principal caller) {
    return ledger.wallet(Account.walletIdOf(caller.id()))
      .compose(w -> w != null ? Future.succeededFuture(view(w)) : open(caller.id(), caller.role().name()));
  }

  Future<JsonObject> transactions(Principal caller, JsonObject body) {
    int limit = Math.max(1, Math.min(100, body.getInteger("limit", 20)));
    Map<String, AttributeValue> start;
    try {
      start = Cursors.decode(body.getString("cursor"),
        CursorScope.query(CoreTables.TRANSACTIONS_TABLE, "walletId-index", Account.walletIdOf(caller.id())));
    } catch (ReplyException e) {
      return Future.failedFuture(e);
    }
    QueryRequest.Builder q = QueryRequest.builder().tableName(dynamo.table(CoreTables.TRANSACTIONS))
      .indexName("walletId-index").keyConditionExpression("walletId = :w")
      .expressionAttributeValues(Map.of(":w", Items.s(statementWallet(caller, body))))
      .scanIndexForward(false).limit(limit);
    if (start != null) {
      q.exclusiveStartKey(start);
    }
    return dynamo.call(c -> c.query(q.build())).map(r -> {
      JsonArray items = new JsonArray();
      r.items().forEach(i -> items.add(entryView(Items.toJson(i))));
      return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
    });
  }

  /** The caller's own wallet; an ADMIN may name any owner ({@code ownerId}), platform accounts ({@code sys_...}) included. */
  private static String statementWallet(Principal caller, JsonObject body) {
    if (caller.is(Role.ADMIN) && body.getValue("ownerId") instanceof String ownerId) {
      return ownerId.startsWith("sys_") ? ownerId : Account.walletIdOf(ownerId);
    }
    return Account.walletIdOf(caller.id());
  }

  static JsonObject view(JsonObject w) {
    return new JsonObject().put("walletId", w.getString("walletId")).put("ownerId", w.getString("ownerId"))
      .put("ownerType", w.getString("ownerType")).put("balance", w.getLong("balance", 0L))
      .put("currency", w.getString("currency", "XAF")).put("updatedAt", w.getString("updatedAt"));
  }

  static JsonObject entryView(JsonObject e) {
    return new JsonObject().put("transactionId", e.getString("transactionId")).put("type", e.getString("type"))
      .put("walletId", e.getString("walletId")).put("amount", e.getLong("amount"))
      .put("balanceBefore", e.getLong("balanceBefore")).put("balanceAfter", e.getLong("balanceAfter"))
      .put("reference", e.getString("reference")).put("description", e.getString("description"))
      .put("kind", e.getString("kind")).put("createdAt", e.getString("createdAt"));
  }
}
