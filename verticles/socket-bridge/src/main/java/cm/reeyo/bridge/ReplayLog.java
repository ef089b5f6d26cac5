package cm.reeyo.bridge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The numbered, replayable history of each client address: one Redis stream per address ({@code replay:<address>}),
 * capped at about {@code replayMaxPerAddress} entries and expiring {@code replayWindow} after its last entry. The stream
 * id ({@code <ms>-<seq>}) is the envelope's {@code id}: ids of one address only grow, whichever node numbered them.
 */
final class ReplayLog {

  static final String KEY_PREFIX = "replay:";
  private static final Pattern ID = Pattern.compile("\\d{1,15}-\\d{1,18}");
  private static final int MAX_REPLAY = 500;

  private static final String APPEND =
    "local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2]) "
      + "redis.call('PEXPIRE', KEYS[1], ARGV[3]) "
      + "return id";

  private static final String SINCE =
    "local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1) "
      + "local items = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2]) "
      + "return {first, items}";

  private final RedisAPI redis;
  private final BridgeSettings settings;

  ReplayLog(RedisAPI redis, BridgeSettings settings) {
    this.redis = redis;
    this.settings = settings;
  }

  /** Stores the envelope (without id) and answers its id. */
  Future<String> append(String address, JsonObject envelope) {
    return redis.eval(List.of(APPEND, "1", KEY_PREFIX + address, String.valueOf(settings.replayMaxPerAddress()),
      envelope.encode(), String.valueOf(settings.replayWindowMs()))).map(Response::toString);
  }

  static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Envelopes numbered after {@code lastId}, oldest first, each with its {@code id}; {@code complete} is false when
   * entries after {@code lastId} may have been trimmed or aged out of the window.
   */
  Future<JsonObject> since(String address, String lastId) {
    return redis.eval(List.of(SINCE, "1", KEY_PREFIX + address, lastId, String.valueOf(MAX_REPLAY)))
      .map(reply -> page(address, lastId, reply));
  }

  private JsonObject page(String address, String lastId, Response reply) {
    long horizon = System.currentTimeMillis() - settings.replayWindowMs();
    Response first = reply.get(0);
    Response entries = reply.get(1);
    JsonArray items = new JsonArray();
    if (entries != null) {
      for (Response entry : entries) {
        String id = entry.get(0).toString();
        if (millis(id) >= horizon) {
          items.add(new JsonObject(entry.get(1).get(1).toString()).put("id", id));
        }
      }
    }
    boolean retained = first != null && first.size() > 0 && compare(first.get(0).get(0).toString(), lastId) <= 0;
    boolean complete = retained && millis(lastId) >= horizon && (entries == null || entries.size() < MAX_REPLAY);
    return new JsonObject().put("address", address).put("items", items).put("complete", complete);
  }

  static int compare(String a, String b) {
    int byMillis = Long.compare(millis(a), millis(b));
    return byMillis != 0 ? byMillis : Long.compare(seq(a), seq(b));
  }

  private static long millis(String id) {
    return Long.parseLong(id.substring(0, id.indexOf('-')));
  }

  private static long seq(String id) {
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }
}
