package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.edge.AuthHandler;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/cluster} (ADMIN): the nodes of the cluster as their heartbeats describe them
 * ({@link OpsAddresses#NODE_HEARTBEAT}: identity, profile, verticles with instance counts, uptime, load), each
 * with {@code lastSeenAt}. A node that says it leaves, or is not heard for {@link #EXPIRY_MS}, is dropped.
 * Each admin-api instance keeps its own view from the published heartbeats.
 */
public final class ClusterRoutes {

  public static final long EXPIRY_MS = 6_000;

  private final ApiFoundation api;
  private final AuthHandler auth;
  private final Map<String, Seen> nodes = new HashMap<>();

  private record Seen(JsonObject heartbeat, long atMillis) {
  }

  public ClusterRoutes(ApiFoundation api, AuthHandler auth) {
    this.api = api;
    this.auth = auth;
  }

  /** Listens to heartbeats, mounts the route and its OpenAPI fragment; answers when the consumer is registered. */
  public Future<Void> mount() {
    api.openApi().fragment("openapi/admin-api/cluster.json");
    api.router().get("/api/v1/cluster").handler(auth).handler(RoleGuard.only(Role.ADMIN))
      .handler(this::list);
    return api.vertx().eventBus().<JsonObject>consumer(OpsAddresses.NODE_HEARTBEAT, this::heard).completion();
  }


  private void heard(Message<JsonObject> message) {
    JsonObject heartbeat = message.body();
    String nodeId = heartbeat == null ? null : heartbeat.getString("nodeId");
    if (nodeId == null) {
      return;
    }
    if (heartbeat.getBoolean("leaving", false)) {
      nodes.remove(nodeId);
    } else {
      nodes.put(nodeId, new Seen(heartbeat, System.currentTimeMillis()));
    }
  }

  private void list(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    nodes.values().removeIf(seen -> now - seen.atMillis() > EXPIRY_MS);
    JsonArray view = new JsonArray();
    nodes.values().stream()
      .sorted(Comparator.comparing(seen -> String.valueOf(seen.heartbeat().getString("name"))))
      .map(seen -> seen.heartbeat().copy().put("lastSeenAt", Instant.ofEpochMilli(seen.atMillis()).toString()))
      .forEach(view::add);
    Responses.ok(ctx, new JsonObject().put("nodes", view));
  }
}
