package cm.reeyo.storage.geo;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.search.SearchIndexBuilder;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "Vendors near a point" from the geo index: every listed vendor within the radius exactly once across the pages of a
 * walk, open-and-online ones first, then the others, each group nearest first (ties by vendorId). One Redis round trip
 * per fetch (a script checks the completion marker, searches both GEO sets and reads the cards); a fetch that does not
 * reach far enough is repeated four times larger. A missing marker triggers {@link VendorIndexBuilder#ensureReady()}
 * and the question is answered from the rebuilt index.
 */
public final class VendorsNear {

  /** Whether a vendor's card is open at an instant (its business hours). */
  @FunctionalInterface
  public interface OpenAt {
    boolean open(JsonObject card, Instant at);
  }

  /** One page of vendors and the cursor of the next (null at the end). */
  public record Page(JsonArray items, String nextCursor) {
    public JsonObject toJson() {
      return new JsonObject().put("items", items).put("nextCursor", nextCursor);
    }
  }

  /**
   * KEYS: the geo marker, the search marker (the geo marker again when no terms), the GEO sets. ARGV: lng, lat, radius,
   * count, card prefix, term-set prefix ('' without terms), the terms. 0: no geo index; -1: no search index; else per set
   * the flat (id, distance, card) triples, where the card of a vendor some term does not find is false.
   */
  private static final LuaScript FETCH = new LuaScript("""
    if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
    if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
    local out = {}
    for s = 3, #KEYS do
      local hits = redis.call('GEOSEARCH', KEYS[s], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'km',
        'ASC', 'COUNT', ARGV[4], 'WITHDIST')
      local flat = {}
      for i = 1, #hits, 500 do
        local ids = {}
        for j = i, math.min(i + 499, #hits) do ids[#ids + 1] = ARGV[5] .. hits[j][1] end
        local cards = redis.call('MGET', unpack(ids))
        for j = 1, #cards do
          local h = hits[i + j - 1]
          local card = cards[j]
          if card and ARGV[6] ~= '' then
            for t = 7, #ARGV do
              if redis.call('SISMEMBER', ARGV[6] .. h[1], ARGV[t]) == 0 then card = false break end
            end
          end
          flat[#flat + 1] = h[1]
          flat[#flat + 1] = h[2]
          flat[#flat + 1] = card
        end
      end
      out[#out + 1] = flat
    end
    return out
    """);

  private final RedisAPI redis;
  private final VendorIndexBuilder builder;
  private final OpenAt openAt;
  private final VendorIndexKeys keys;
  private final SearchIndexBuilder search;

  public VendorsNear(RedisAPI redis, VendorIndexBuilder builder, OpenAt openAt) {
    this(redis, builder, openAt, null);
  }

  /** With {@code search}, questions with terms are answered too (the search index beside the geo index). */
  public VendorsNear(RedisAPI redis, VendorIndexBuilder builder, OpenAt openAt, SearchIndexBuilder search) {
    this.search = search;
    this.keys = builder.keys();
    this.redis = redis;
    this.builder = builder;
    this.openAt = openAt;
  }

  /** The page of {@code query}; VALIDATION_FAILED for a cursor of another question, UNAVAILABLE if no index. */
  public Future<Page> page(NearbyQuery query) {
    NearbyCursor cursor;
    try {
      cursor = NearbyCursor.decode(query);
    } catch (ReplyException e) {
      return Future.failedFuture(e);
    }
    long at = cursor == null ? Instant.now().getEpochSecond() : cursor.at();
    int fetch = (cursor == null ? 0 : cursor.fetch()) + query.limit() + 1;
    if (!query.terms().isEmpty() && search == null) {
      return Future.failedFuture(new IllegalStateException("no search index here"));
    }
    return walk(query, cursor, at, fetch, 2);
  }

  private Future<Page> walk(NearbyQuery query, NearbyCursor cursor, long at, int fetch, int rebuilds) {
    boolean terms = !query.terms().isEmpty();
    List<String> names = new ArrayList<>(List.of(keys.ready, terms ? search.keys().ready : keys.ready, keys.online));
    if (!query.openNow()) {
      names.add(keys.offline);
    }
    List<String> args = new ArrayList<>(List.of(String.valueOf(query.lng()), String.valueOf(query.lat()),
      String.valueOf(query.radiusKm()), String.valueOf(fetch), keys.cardPrefix, terms ? search.keys().termsPrefix : ""));
    args.addAll(query.terms());
    return FETCH.run(redis, names, args).compose(found -> {
      if (found == null || found.type() == ResponseType.NUMBER) {
        Future<Void> rebuilt = found != null && found.toInteger() == -1 ? search.ensureReady() : builder.ensureReady();
        return rebuilds > 0 ? rebuilt.compose(v -> walk(query, cursor, at, fetch, rebuilds - 1))
          : Future.failedFuture(ErrorCode.UNAVAILABLE.exception("The vendor index is not ready; try again shortly"));
      }
      NearbySelection selection = new NearbySelection(query, cursor, Instant.ofEpochSecond(at), fetch, openAt);
      selection.online(hits(found.get(0)), found.get(0).size() / 3);
      if (!query.openNow()) {
        selection.offline(hits(found.get(1)), found.get(1).size() / 3);
      }
      Page page = selection.page(at);
      return page != null ? Future.succeededFuture(page) : walk(query, cursor, at, fetch * 4, 0);
    });
  }

  private static List<NearbySelection.Hit> hits(Response flat) {
    List<NearbySelection.Hit> out = new ArrayList<>(flat.size() / 3);
    for (int i = 0; i + 2 < flat.size(); i += 3) {
      Response card = flat.get(i + 2);
      boolean listed = card != null && card.type() == ResponseType.BULK;
      out.add(new NearbySelection.Hit(flat.get(i).toString(), Double.parseDouble(flat.get(i + 1).toString()),
        listed ? new JsonObject(card.toBuffer()) : null));
    }
    return out;
  }
}
