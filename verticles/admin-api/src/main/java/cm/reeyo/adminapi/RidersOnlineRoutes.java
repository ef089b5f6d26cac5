package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/ops/riders/online} (ADMIN): the riders in the online set with their last stored position and
 * when it was reported, at most {@link #MAX_RIDERS}; the console's starting picture before live positions arrive
 * on the bridge. Read from Redis ({@code riders:online}, {@code riders:last-seen}); empty when Redis lost them.
 */
final class RidersOnlineRoutes {

  static final int MAX_RIDERS = 1000;

  private final RedisAPI redis;

  private RidersOnlineRoutes(ApiFoundation api) {
    this.redis = api.redis().api();
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    RidersOnlineRoutes routes = new RidersOnlineRoutes(api);
    api.router().get("/api/v1/ops/riders/online").handler(auth).handler(RoleGuard.only(Role.ADMIN))
      .handler(routes::list);
    api.openApi().fragment("openapi/admin-api/riders-online.json");
  }

  private void list(RoutingContext ctx) {
    redis.zrange(List.of(RedisKeys.RIDERS_ONLINE, "0", String.valueOf(MAX_RIDERS - 1)))
      .compose(members -> {
        List<String> ids = new ArrayList<>();
        members.forEach(m -> ids.add(m.toString()));
        return ids.isEmpty() ? Future.succeededFuture(new JsonArray()) : positions(ids);
      })
      .compose(items -> Responses.ok(ctx, new JsonObject().put("items", items)))
      .onFailure(ctx::fail);
  }

  private Future<JsonArray> positions(List<String> ids) {
    List<String> geo = new ArrayList<>(List.of(RedisKeys.RIDERS_ONLINE));
    geo.addAll(ids);
    List<String> seen = new ArrayList<>(List.of(RedisKeys.RIDERS_LAST_SEEN));
    seen.addAll(ids);
    Future<Response> where = redis.geopos(geo);
    Future<Response> when = redis.zmscore(seen);
    return Future.all(where, when).map(all -> {
      JsonArray items = new JsonArray();
      for (int i = 0; i < ids.size(); i++) {
        Response pos = where.result().get(i);
        if (pos == null || pos.size() < 2) {
          continue;
        }
        Response score = when.result() == null ? null : when.result().get(i);
        JsonObject item = new JsonObject().put("riderId", ids.get(i))
          .put("lng", pos.get(0).toDouble()).put("lat", pos.get(1).toDouble());
        if (score != null) {
          item.put("lastSeenAt", Instant.ofEpochMilli(score.toDouble().longValue()).toString());
        }
        items.add(item);
      }
      return items;
    });
  }
}
