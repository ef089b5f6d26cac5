package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a transfer turned into TransactWriteItems, from the balances just read: per account an update
 * conditional on the version read (optimistic concurrency; a missing wallet is created by a conditional put), one
 * immutable entry per leg with balance before/after and the account's sequence number, the idempotency record,
 * then the transfer's extra writes. Remembers which action is which so a cancellation can be explained.
 */
final class Plan {

  enum Role { WALLET, ENTRY, IDEMPOTENCY, EXTRA }

  private final List<TransactWriteItem> items = new ArrayList<>();
  private final List<Role> roles = new ArrayList<>();
  private final List<Transfer.Extra> extraByIndex = new ArrayList<>();
  private final JsonArray legsOut = new JsonArray();
  private final Map<String, Long> finalBalances = new LinkedHashMap<>();

  /** The wallet as read: null when it does not exist yet. */
  record Snapshot(Account account, JsonObject item) {
    long balance() {
      return item == null ? 0 : item.getLong("balance", 0L);
    }

    long version() {
      return item == null ? 0 : item.getLong("version", 0L);
    }
  }

  static Plan build(Dynamo dynamo, Transfer t, Map<String, Snapshot> wallets, Instant now) {
    Plan plan = new Plan();
    Map<String, Long> running = new LinkedHashMap<>();
    Map<String, Long> seq = new LinkedHashMap<>();
    wallets.forEach((id, s) -> {
      running.put(id, s.balance());
      seq.put(id, s.version());
    });
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    int index = 0;
    for (Leg leg : t.legs()) {
      String id = leg.account().walletId();
      long before = running.get(id);
      long after = Math.addExact(before, leg.amount());
      long n = seq.get(id) + 1;
      running.put(id, after);
      seq.put(id, n);
      JsonObject entry = new JsonObject()
        .put("transactionId", t.transferId() + "#" + index++)
        .put("transferId", t.transferId())
        .put("walletId", id)
        .put("ownerId", leg.account().ownerId())
        .put("type", leg.type())
        .put("amount", Math.abs(leg.amount()))
        .put("balanceBefore", before)
        .put("balanceAfter", after)
        .put("seq", n)
        .put("legs", t.legs().size())
        .put("kind", t.kind())
        .put("reference", t.reference())
        .put("description", leg.description())
        .put("currency", "XAF")
        .put("createdAt", Timestamps.format(now))
        .put("createdDay", Ids.day(now));
      entries.add(Items.toItem(entry));
      plan.legsOut.add(new JsonObject().put("walletId", id).put("ownerId", leg.account().ownerId())
        .put("ownerType", leg.account().ownerType()).put("type", leg.type()).put("amount", Math.abs(leg.amount()))
        .put("balanceBefore", before).put("balanceAfter", after).put("description", leg.description()));
    }
    for (Snapshot s : wallets.values()) {
      String id = s.account().walletId();
      long after = running.get(id);
      long net = after - s.balance();
      if (net < 0 && after < s.account().floor()) {
        throw ErrorCode.INSUFFICIENT_FUNDS.exception("Insufficient funds in " + describe(s.account()));
      }
      plan.finalBalances.put(id, after);
      plan.add(Role.WALLET, walletWrite(dynamo, s, after, seq.get(id), now), null);
    }
    for (Map<String, AttributeValue> entry : entries) {
      plan.add(Role.ENTRY, TransactWriteItem.builder().put(Put.builder()
        .tableName(dynamo.table(CoreTables.TRANSACTIONS)).item(entry)
        .conditionExpression("attribute_not_exists(transactionId)").build()).build(), null);
    }
    plan.add(Role.IDEMPOTENCY, idempotencyPut(dynamo, t, plan.answer(t), now), null);
    for (Transfer.Extra extra : t.extras()) {
      plan.add(Role.EXTRA, extra.item(), extra);
    }
    return plan;
  }

  private static String describe(Account a) {
    return a.isOwnerWallet() ? "your wallet" : "account " + a.walletId();
  }

  private static TransactWriteItem walletWrite(Dynamo dynamo, Snapshot s, long after, long version, Instant now) {
    String table = dynamo.table(CoreTables.WALLETS);
    if (s.item() == null) {
      JsonObject wallet = new JsonObject()
        .put("walletId", s.account().walletId())
        .put("ownerId", s.account().ownerId())
        .put("ownerType", s.account().ownerType())
        .put("balance", after)
        .put("version", version)
        .put("currency", "XAF")
        .put("createdAt", Timestamps.format(now))
        .put("updatedAt", Timestamps.format(now));
      return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Items.toItem(wallet))
        .conditionExpression("attribute_not_exists(walletId)").build()).build();
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table)
      .key(Items.key("walletId", s.account().walletId()))
      .updateExpression("SET #b = :after, #v = :next, updatedAt = :now")
      .conditionExpression("#v = :read")
      .expressionAttributeNames(Map.of("#b", "balance", "#v", "version"))
      .expressionAttributeValues(Map.of(":after", Items.n(after), ":next", Items.n(version),
        ":read", Items.n(s.version()), ":now", Items.s(Timestamps.format(now))))
      .build()).build();
  }

  private static TransactWriteItem idempotencyPut(Dynamo dynamo, Transfer t, JsonObject answer, Instant now) {
    JsonObject record = new JsonObject()
      .put("key", t.key())
      .put("hash", t.requestHash())
      .put("transferId", t.transferId())
      .put("kind", t.kind())
      .put("reference", t.reference())
      .put("result", answer.encode())
      .put("createdAt", Timestamps.format(now));
    return TransactWriteItem.builder().put(Put.builder().tableName(dynamo.table(CoreTables.IDEMPOTENCY))
      .item(Items.toItem(record))
      .conditionExpression("attribute_not_exists(#k)")
      .expressionAttributeNames(Map.of("#k", "key")).build()).build();
  }

  /** The transfer's answer: ids, legs with balances, and the transfer's own result fields. */
  JsonObject answer(Transfer t) {
    return t.result().copy()
      .put("transferId", t.transferId())
      .put("key", t.key())
      .put("kind", t.kind())
      .put("reference", t.reference())
      .put("legs", legsOut.copy());
  }

  private void add(Role role, TransactWriteItem item, Transfer.Extra extra) {
    items.add(item);
    roles.add(role);
    extraByIndex.add(extra);
  }

  List<TransactWriteItem> items() {
    return items;
  }

  Role role(int index) {
    return roles.get(index);
  }

  Transfer.Extra extra(int index) {
    return extraByIndex.get(index);
  }

  Map<String, Long> finalBalances() {
    return finalBalances;
  }
}
