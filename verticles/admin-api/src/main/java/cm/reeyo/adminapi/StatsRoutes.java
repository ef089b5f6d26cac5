package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.Ids;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/stats}, ADMIN only: today's dashboard figures (UTC day), composed from the order engine
 * ({@link OrderAddresses#STATS}: orders by status, average delivery time, riders online) and the wallet engine
 * ({@link WalletAddresses#STATS}: revenue, pending payouts). The answer is kept in Redis for
 * {@code adminStats.cacheSeconds} (default 10; 0 turns the cache off) and shared by every admin API instance; without
 * Redis it is computed.
 */
final class StatsRoutes {

  static final String OPENAPI = "openapi/admin-api/stats.json";
  public static final String CONF = "adminStats";
  public static final String CONF_CACHE_SECONDS = "cacheSeconds";
  public static final int DEFAULT_CACHE_SECONDS = 10;
  static final String CACHE_KEY_PREFIX = "admin:stats:";

  private final RedisAPI redis;
  private final int cacheSeconds;

  private StatsRoutes(ApiFoundation api) {
    this.redis = api.redis().api();
    this.cacheSeconds = Math.max(0, api.config().getJsonObject(CONF, new JsonObject())
      .getInteger(CONF_CACHE_SECONDS, DEFAULT_CACHE_SECONDS));
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    StatsRoutes routes = new StatsRoutes(api);
    api.router().get("/api/v1/stats").handler(auth).handler(RoleGuard.only(Role.ADMIN)).handler(routes::stats);
    api.openApi().fragment(OPENAPI);
  }

  private void stats(RoutingContext ctx) {
    String day = Ids.day(Instant.now());
    String key = CACHE_KEY_PREFIX + day;
    if (cacheSeconds == 0) {
      compute(ctx, day).compose(answer -> Responses.ok(ctx, answer)).onFailure(ctx::fail);
      return;
    }
    redis.get(key)
      .<JsonObject>map(cached -> cached == null ? null : new JsonObject(cached.toString()))
      .otherwise((JsonObject) null)
      .compose(cached -> cached != null ? Future.succeededFuture(cached) : compute(ctx, day).compose(fresh ->
        redis.set(List.of(key, fresh.encode(), "EX", String.valueOf(cacheSeconds))).map(fresh).otherwise(fresh)))
      .compose(answer -> Responses.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private static Future<JsonObject> compute(RoutingContext ctx, String day) {
    JsonObject query = new JsonObject().put("day", day);
    Future<JsonObject> orders = EngineCall.request(ctx, OrderAddresses.STATS, query.copy());
    Future<JsonObject> money = EngineCall.request(ctx, WalletAddresses.STATS, query.copy());
    return Future.all(orders, money).map(all -> {
      JsonObject o = orders.result();
      JsonObject m = money.result();
      return new JsonObject().put("date", day)
        .put("orders", new JsonObject().put("total", o.getLong("ordersTotal", 0L))
          .put("byStatus", o.getJsonObject("ordersToday", new JsonObject())))
        .put("revenueToday", m.getLong("revenueToday", 0L))
        .put("escrowHeld", m.getLong("escrowHeld", 0L))
        .put("ridersOnline", o.getLong("ridersOnline", 0L))
        .put("averageDeliveryMinutes", o.getValue("averageDeliveryMinutes"))
        .put("deliveredCount", o.getLong("deliveredCount", 0L))
        .put("pendingPayouts", m.getJsonObject("pendingPayouts", new JsonObject().put("count", 0L).put("amount", 0L)))
        .put("generatedAt", Instant.now().toString());
    });
  }
}
