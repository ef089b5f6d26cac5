package cm.reeyo.notifier.inbox;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The in-app inbox of an account: Redis list {@code notifications:<accountId>} (newest first, capped), a counter
 * {@code notifications:<accountId>:seq} and the set of read ids {@code notifications:<accountId>:read}. An entry's
 * id is {@code n<seq>}; pushes run as one script, so the entry at index i always has seq = counter − i, which
 * gives stable ids and cursors while new entries arrive.
 */
public final class InboxStore {

  private static final String PUSH = """
    local s = redis.call('INCR', KEYS[2])
    redis.call('LPUSH', KEYS[1], ARGV[1])
    redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
    local gone = s - tonumber(ARGV[2])
    if gone > 0 then redis.call('SREM', KEYS[3], 'n' .. gone) end
    return s""";
  private static final String LIST = """
    local h = tonumber(redis.call('GET', KEYS[2]) or '0')
    return {h, redis.call('LRANGE', KEYS[1], 0, -1), redis.call('SMEMBERS', KEYS[3])}""";
  private static final String READ = """
    local h = tonumber(redis.call('GET', KEYS[2]) or '0')
    local s = tonumber(ARGV[1])
    if s == nil or s > h or s <= h - redis.call('LLEN', KEYS[1]) then return 0 end
    redis.call('SADD', KEYS[3], 'n' .. s)
    return 1""";

  private final RedisAPI redis;
  private final int cap;
  private final LiveInbox live;

  public InboxStore(RedisAPI redis, int cap) {
    this(redis, cap, null);
  }

  /** An inbox whose new entries are also sent live through {@code live} (may be null). */
  public InboxStore(RedisAPI redis, int cap, LiveInbox live) {
    this.redis = redis;
    this.cap = cap;
    this.live = live;
  }

  /** Adds an entry {@code {title, body, data, createdAt}} (and sends it live); answers its notificationId. */
  public Future<String> add(String accountId, String title, String body, JsonObject data) {
    JsonObject entry = new JsonObject().put("title", title).put("body", body)
      .put("data", data == null ? new JsonObject() : data).put("createdAt", Timestamps.now());
    return redis.eval(script(PUSH, accountId, entry.encode(), String.valueOf(cap))).map(r -> "n" + r.toLong())
      .onSuccess(id -> {
        if (live != null) {
          live.added(accountId, id, entry);
        }
      });
  }

  /**
   * A page of the inbox, newest first: {@code {items: [{notificationId, title, body, data, createdAt, read}],
   * nextCursor, unreadCount}}. A bad cursor is a VALIDATION_FAILED failure.
   */
  public Future<JsonObject> list(String accountId, int limit, String cursor, boolean unreadOnly) {
    long after;
    try {
      after = decode(cursor);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("bad cursor"));
    }
    return redis.eval(script(LIST, accountId)).map(r -> page(r, limit, after, unreadOnly));
  }

  private static JsonObject page(Response r, int limit, long after, boolean unreadOnly) {
    long head = r.get(0).toLong();
    Set<String> read = new HashSet<>();
    r.get(2).forEach(x -> read.add(x.toString()));
    JsonArray items = new JsonArray();
    String next = null;
    int unread = 0;
    Response list = r.get(1);
    for (int i = 0; i < list.size(); i++) {
      long seq = head - i;
      String id = "n" + seq;
      boolean isRead = read.contains(id);
      unread += isRead ? 0 : 1;
      if (seq >= after || (unreadOnly && isRead)) {
        continue;
      }
      if (items.size() == limit) {
        next = encode(((JsonObject) items.getValue(limit - 1)).getString("notificationId").substring(1));
        continue;
      }
      JsonObject entry = new JsonObject(list.get(i).toString(StandardCharsets.UTF_8));
      items.add(new JsonObject().put("notificationId", id).mergeIn(entry).put("read", isRead));
    }
    return new JsonObject().put("items", items).put("nextCursor", next).put("unreadCount", unread);
  }

  /** Marks an entry read; NOT_FOUND when the account has no such entry (any more). */
  public Future<Void> markRead(String accountId, String notificationId) {
    if (notificationId == null || !notificationId.matches("n[0-9]{1,18}")) {
      return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such notification"));
    }
    return redis.eval(script(READ, accountId, notificationId.substring(1)))
      .compose(r -> r.toLong() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such notification")));
  }

  private static List<String> script(String script, String accountId, String... args) {
    String key = RedisKeys.notifications(accountId);
    List<String> call = new ArrayList<>(List.of(script, "3", key, key + ":seq", key + ":read"));
    call.addAll(List.of(args));
    return call;
  }

  private static String encode(String seq) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("s:" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith("s:")) {
        throw new IllegalArgumentException("bad cursor");
      }
      return Long.parseLong(raw.substring(2));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad cursor", e);
    }
  }
}
