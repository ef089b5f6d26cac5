package cm.reeyo.storage.geo;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import cm.reeyo.storage.search.SearchIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the vendor geo index in step with the vendors table: every write of a vendor record (approval, rejection,
 * suspension, reactivation, profile or location edit, online/offline, hours, rating) is applied here after DynamoDB
 * took it. A record older ({@code updatedAt}) than the one already applied is ignored, so a slow writer or a rebuild
 * page read before a change never undoes it. If Redis refuses the change the completion marker is dropped, so the next
 * read rebuilds instead of trusting a stale index.
 */
public final class VendorIndex {

  private static final Logger LOG = LoggerFactory.getLogger(VendorIndex.class);
  private static final LuaScript APPLY = new LuaScript("""
    local mark = ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0
    local n = (#ARGV - 1) / 6
    for i = 0, n - 1 do
      local b = 2 + i * 6
      local id, state, lng, lat, card, ver = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], ARGV[b + 5]
      if mark then redis.call('SADD', KEYS[2], id) end
      local old = redis.call('HGET', KEYS[5], id)
      if not old or old <= ver then
        redis.call('HSET', KEYS[5], id, ver)
        if state == 'unlisted' then
          redis.call('ZREM', KEYS[3], id)
          redis.call('ZREM', KEYS[4], id)
          redis.call('DEL', KEYS[6 + i])
        else
          local into, from = KEYS[3], KEYS[4]
          if state == 'offline' then into, from = KEYS[4], KEYS[3] end
          redis.call('GEOADD', into, lng, lat, id)
          redis.call('ZREM', from, id)
          redis.call('SET', KEYS[6 + i], card)
        end
      end
    end
    return n
    """);

  private final RedisAPI redis;
  private final Dynamo dynamo;
  private final VendorIndexKeys keys;
  private final SearchIndex search;

  public VendorIndex(RedisAPI redis, Dynamo dynamo) {
    this.redis = redis;
    this.dynamo = dynamo;
    this.keys = VendorIndexKeys.of(dynamo);
    this.search = new SearchIndex(redis, dynamo);
  }

  /** The search index kept beside this one (menu writers refresh it directly). */
  public SearchIndex search() {
    return search;
  }

  public VendorIndexKeys keys() {
    return keys;
  }

  /**
   * Applies a vendor record as DynamoDB now holds it (ALL_NEW of the write), then refreshes the vendor's search entry
   * ({@link SearchIndex#refresh}: name, cuisine, approval). Never fails the caller's write.
   */
  public Future<Void> apply(JsonObject vendor) {
    return write(List.of(vendor), true).recover(f -> {
      LOG.warn("vendor index update failed, index marked for rebuild: {}", f.getMessage());
      return redis.del(List.of(keys.ready)).<Void>mapEmpty().otherwiseEmpty();
    }).compose(v -> search.refresh(vendor.getString("vendorId")));
  }

  /** Re-reads a vendor (consistent read) and applies it; for writers that do not hold the whole new record. */
  public Future<Void> refresh(String vendorId) {
    return read(vendorId).compose(v -> apply(v == null ? new JsonObject().put("vendorId", vendorId)
      .put("approvalStatus", "GONE").put("updatedAt", Timestamps.now()) : v));
  }

  Future<JsonObject> read(String vendorId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(dynamo.table(CoreTables.VENDORS))
        .key(Items.key("vendorId", vendorId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** Applies records in one script; {@code markDirty} records them for a rebuild in progress. */
  Future<Void> write(List<JsonObject> vendors, boolean markDirty) {
    if (vendors.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> names = new ArrayList<>(List.of(keys.ready, keys.dirty, keys.online,
      keys.offline, keys.versions));
    List<String> args = new ArrayList<>();
    args.add(markDirty ? "1" : "0");
    for (JsonObject v : vendors) {
      String id = v.getString("vendorId");
      String state = VendorIndexKeys.state(v);
      double[] p = VendorIndexKeys.point(v);
      names.add(keys.card(id));
      args.add(id);
      args.add(state);
      args.add(p == null ? "0" : String.valueOf(p[0]));
      args.add(p == null ? "0" : String.valueOf(p[1]));
      args.add("unlisted".equals(state) ? "" : VendorIndexKeys.publicView(v).encode());
      args.add(v.getString("updatedAt", v.getString("createdAt", "")));
    }
    return APPLY.run(redis, names, args).mapEmpty();
  }
}
