package cm.reeyo.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's Redis client (pooled, RESP3 as negotiated by default) shared by the verticles of a Vert.x instance.
 * Pub/sub needs a connection of its own: {@link #dedicatedConnection()}.
 */
public final class RedisStore {

  public static final String CONF = "redis";
  public static final String CONF_URL = "url";
  public static final String CONF_POOL = "maxPoolSize";

  private static final Map<Vertx, RedisStore> SHARED = new ConcurrentHashMap<>();

  private final Redis client;
  private final RedisAPI api;
  private int users;

  private RedisStore(Redis client) {
    this.client = client;
    this.api = RedisAPI.api(client);
  }

  public static synchronized RedisStore acquire(Vertx vertx, JsonObject config) {
    RedisStore store = SHARED.computeIfAbsent(vertx, v -> new RedisStore(Redis.createClient(v, options(config))));
    store.users++;
    return store;
  }

  public static synchronized void release(Vertx vertx) {
    RedisStore store = SHARED.get(vertx);
    if (store != null && --store.users <= 0) {
      SHARED.remove(vertx);
      store.client.close();
    }
  }

  static RedisOptions options(JsonObject config) {
    JsonObject conf = config.getJsonObject(CONF, new JsonObject());
    return new RedisOptions()
      .setConnectionString(conf.getString(CONF_URL, "redis://127.0.0.1:6379"))
      .setMaxPoolSize(conf.getInteger(CONF_POOL, 16))
      .setMaxPoolWaiting(256)
      .setMaxWaitingHandlers(4096);
  }

  public RedisAPI api() {
    return api;
  }

  /** A connection for SUBSCRIBE / blocking commands only; the caller closes it. */
  public Future<RedisConnection> dedicatedConnection() {
    return client.connect();
  }

  public Future<Void> ping() {
    return api.ping(java.util.List.of()).mapEmpty();
  }
}
