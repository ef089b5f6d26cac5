package cm.reeyo.storage.search;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.geo.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the search index of one vendor in step with DynamoDB: its term set ({@link SearchText#indexTerms} of its name,
 * cuisine, description and every available menu item's name, category and description) and its searchable menu.
 * {@link #refresh} re-reads the vendor and its menu (consistent reads) after any write to either; a read begun
 * before the one already applied is ignored, so racing refreshes never bring an older state back. If Redis refuses,
 * the completion marker is dropped and the next search rebuilds.
 */
public final class SearchIndex {

  public static final String MENU_TABLE = "menu-items";
  static final List<String> VENDOR_TEXT = List.of("businessName", "cuisine", "description");
  static final List<String> ITEM_TEXT = List.of("name", "category", "description");
  static final List<String> ITEM_FIELDS = List.of("itemId", "vendorId", "name", "price", "category", "description",
    "imageUrl", "thumbnailUrl");
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  private static final LuaScript APPLY = new LuaScript("""
    if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SADD', KEYS[2], ARGV[2]) end
    local old = redis.call('HGET', KEYS[3], ARGV[2])
    if old and old > ARGV[3] then return 0 end
    redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
    redis.call('DEL', KEYS[4], KEYS[5])
    if ARGV[4] == '1' then
      for i = 6, #ARGV, 500 do
        redis.call('SADD', KEYS[4], unpack(ARGV, i, math.min(i + 499, #ARGV)))
      end
      redis.call('SET', KEYS[5], ARGV[5])
    end
    return 1
    """);

  private final RedisAPI redis;
  private final Dynamo dynamo;
  private final SearchKeys keys;

  public SearchIndex(RedisAPI redis, Dynamo dynamo) {
    this.redis = redis;
    this.dynamo = dynamo;
    this.keys = SearchKeys.of(dynamo);
  }

  public SearchKeys keys() {
    return keys;
  }

  /** Re-reads a vendor and its menu and applies them. Never fails the caller's write. */
  public Future<Void> refresh(String vendorId) {
    return load(vendorId, true).recover(f -> {
      LOG.warn("search index update of {} failed, index marked for rebuild: {}", vendorId, f.getMessage());
      return redis.del(List.of(keys.ready)).<Void>mapEmpty().otherwiseEmpty();
    });
  }

  /** Reads (consistently) and applies one vendor; {@code markDirty} records it for a rebuild in progress. */
  Future<Void> load(String vendorId, boolean markDirty) {
    String version = version();
    Future<JsonObject> vendor = dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.VENDORS))
        .key(Items.key("vendorId", vendorId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
    return vendor.compose(v -> listed(v) ? menu(vendorId, null, new JsonArray()) : Future.succeededFuture(null))
      .compose(menu -> write(vendorId, vendor.result(), menu, version, markDirty));
  }

  /** Applies a vendor record read from a rebuild page (read begun at {@code version}). */
  Future<Void> load(JsonObject vendor, String version) {
    String vendorId = vendor.getString("vendorId");
    return (listed(vendor) ? menu(vendorId, null, new JsonArray()) : Future.<JsonArray>succeededFuture(null))
      .compose(menu -> write(vendorId, vendor, menu, version, false));
  }

  private Future<JsonArray> menu(String vendorId, Map<String, AttributeValue> start, JsonArray into) {
    return dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(MENU_TABLE)).consistentRead(true)
        .keyConditionExpression("vendorId = :v").expressionAttributeValues(Map.of(":v", Items.s(vendorId)))
        .exclusiveStartKey(start)))
      .compose(r -> {
        r.items().forEach(i -> into.add(Items.toJson(i)));
        return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
          ? menu(vendorId, r.lastEvaluatedKey(), into) : Future.succeededFuture(into);
      });
  }

  private Future<Void> write(String vendorId, JsonObject vendor, JsonArray menu, String version, boolean markDirty) {
    boolean listed = menu != null;
    Set<String> terms = new java.util.LinkedHashSet<>();
    JsonArray items = new JsonArray();
    if (listed) {
      VENDOR_TEXT.forEach(f -> terms.addAll(SearchText.indexTerms(vendor.getString(f))));
      for (Object o : menu) {
        JsonObject item = (JsonObject) o;
        if (item.getBoolean("available", true)) {
          ITEM_TEXT.forEach(f -> terms.addAll(SearchText.indexTerms(item.getValue(f) instanceof String s ? s : null)));
          JsonObject view = new JsonObject();
          ITEM_FIELDS.forEach(f -> {
            if (item.containsKey(f)) {
              view.put(f, item.getValue(f));
            }
          });
          items.add(view);
        }
      }
    }
    List<String> args = new ArrayList<>(List.of(markDirty ? "1" : "0", vendorId, version, listed ? "1" : "0",
      items.encode()));
    args.addAll(terms);
    return APPLY.run(redis, List.of(keys.ready, keys.dirty, keys.versions, keys.terms(vendorId), keys.menu(vendorId)),
      args).mapEmpty();
  }

  /** Approved, active vendors are searchable (where they are is the geo index's concern). */
  static boolean listed(JsonObject vendor) {
    return vendor != null && "APPROVED".equals(vendor.getString("approvalStatus"))
      && "ACTIVE".equals(vendor.getString("status", "ACTIVE"));
  }

  /** When a read begins, as a fixed-width string that sorts in time order. */
  static String version() {
    Instant now = Instant.now();
    return String.format("%020d", ChronoUnit.MICROS.between(Instant.EPOCH, now));
  }
}
