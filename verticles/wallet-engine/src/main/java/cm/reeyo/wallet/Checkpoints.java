package cm.reeyo.wallet;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where reconciliation got to, durably ({@link WalletTables#RECONCILIATION}): per wallet the last sequence number
 * whose entries were proven to chain, with the balance reached and that entry's time; for the transfer check the
 * last (day, time) up to which every entry was seen in a balanced transfer.
 */
final class Checkpoints {

  static final String TRANSFERS = "transfers";

  /** A wallet's proven prefix: entries 1..seq chain from 0 to {@code balance}; {@code at} is entry seq's createdAt. */
  record WalletMark(long seq, long balance, String at) {
    static final WalletMark START = new WalletMark(0, 0, null);
  }

  /** Every entry up to ({@code day}, {@code at}) was checked. */
  record TransferMark(String day, String at) {
  }

  private final Dynamo dynamo;
  private final String table;

  Checkpoints(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(WalletTables.RECONCILIATION);
  }

  /** The marks of up to 100 wallets (START for those without one). */
  Future<Map<String, WalletMark>> wallets(List<String> walletIds) {
    Map<String, WalletMark> out = new HashMap<>();
    walletIds.forEach(id -> out.put(id, WalletMark.START));
    if (walletIds.isEmpty()) {
      return Future.succeededFuture(out);
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    walletIds.forEach(id -> keys.add(Items.key("name", "wallet#" + id)));
    return batchGet(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()), out);
  }

  private Future<Map<String, WalletMark>> batchGet(Map<String, KeysAndAttributes> request, Map<String, WalletMark> out) {
    return dynamo.call(c -> c.batchGetItem(b -> b.requestItems(request))).compose(r -> {
      r.responses().getOrDefault(table, List.of()).forEach(i -> {
        JsonObject item = Items.toJson(i);
        out.put(item.getString("name").substring("wallet#".length()),
          new WalletMark(item.getLong("seq"), item.getLong("balance"), item.getString("at")));
      });
      return r.hasUnprocessedKeys() && !r.unprocessedKeys().isEmpty()
        ? batchGet(r.unprocessedKeys(), out) : Future.succeededFuture(out);
    });
  }

  Future<Void> saveWallet(String walletId, WalletMark mark) {
    JsonObject item = new JsonObject().put("name", "wallet#" + walletId).put("seq", mark.seq()).put("balance", mark.balance())
      .put("at", mark.at());
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(Items.toItem(item)))).mapEmpty();
  }

  /** The transfer check's mark, or null before the first run. */
  Future<TransferMark> transfers() {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table).key(Items.key("name", TRANSFERS)).consistentRead(true)))
      .map(r -> {
        if (!r.hasItem() || r.item().isEmpty()) {
          return null;
        }
        JsonObject item = Items.toJson(r.item());
        return new TransferMark(item.getString("day"), item.getString("at"));
      });
  }

  Future<Void> saveTransfers(TransferMark mark) {
    JsonObject item = new JsonObject().put("name", TRANSFERS).put("day", mark.day()).put("at", mark.at());
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(Items.toItem(item)))).mapEmpty();
  }
}
