package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /api/v1/cluster/nodes/{nodeId}/instances} {@code {verticle, instances}} (ADMIN): asks that node's
 * launcher ({@link OpsAddresses#nodeScale}) to write the new count into its override file; the node's config watcher
 * then converges within about a second, and the cluster view shows it on the next heartbeat. Audited as
 * {@code cluster.scale} with the node and verticle. A node nobody answers for is NOT_FOUND.
 */
final class ClusterScaleRoutes {

  static final int MAX_INSTANCES = 32;

  private final ApiFoundation api;

  private ClusterScaleRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    ClusterScaleRoutes routes = new ClusterScaleRoutes(api);
    api.router().put("/api/v1/cluster/nodes/:nodeId/instances").handler(auth).handler(RoleGuard.only(Role.ADMIN))
      .handler(new JsonBody()).handler(ClusterScaleRoutes::validate).handler(routes::scale);
    api.openApi().fragment("openapi/admin-api/cluster-scale.json");
  }

  private static void validate(RoutingContext ctx) {
    EngineCall.id(ctx, "nodeId");
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("verticle", "instances");
    String verticle = check.string("verticle", 1, 64);
    if (verticle != null && !verticle.matches("[a-z][a-z0-9-]*")) {
      check.problem("verticle", "must be a verticle name such as user-api");
    }
    check.integer("instances", 1, MAX_INSTANCES);
    check.done();
    ctx.next();
  }

  private void scale(RoutingContext ctx) {
    Principal admin = AuthHandler.principal(ctx);
    String nodeId = ctx.pathParam("nodeId");
    JsonObject body = JsonBody.of(ctx);
    JsonObject command = new JsonObject().put("verticle", body.getString("verticle"))
      .put("instances", body.getInteger("instances")).put("actorId", admin.id());
    EngineCall.request(ctx, OpsAddresses.nodeScale(nodeId), command)
      .recover(ClusterScaleRoutes::unknownNode)
      .andThen(r -> api.audit().record(AuditLog.Entry.of(admin.id(), admin.role().name(), "cluster.scale",
          nodeId + "/" + command.getString("verticle") + "=" + command.getInteger("instances"),
          r.succeeded() ? "SUCCESS" : "FAILURE").from(api.clientIp().of(ctx))))
      .compose(answer -> Responses.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private static Future<JsonObject> unknownNode(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
      ? Future.failedFuture(new ApiError(ErrorCode.NOT_FOUND, "No such node")) : Future.failedFuture(failure);
  }
}
