package cm.reeyo.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The launcher's own verticles on every node, deployed after the profile's verticles: the management port
 * ({@link ManagementServer}, unless turned off), the cluster-view heartbeat ({@link NodeHeartbeat}) and the
 * config watcher ({@link ConfigWatcher}, a worker) and the node's scaling address ({@link NodeScaler}).
 */
public final class OpsVerticles {

  /** What was deployed; {@code managementPort} is null when the management port is off. */
  public record Deployed(Integer managementPort, NodeHeartbeat heartbeat, ConfigWatcher watcher) {
  }

  private OpsVerticles() {
  }

  /** Deploys the four for a node running {@code config}; {@code nodeId} names the node in the cluster. */
  public static Future<Deployed> deploy(Vertx vertx, JsonObject config, ConfigSource source,
                                       NodeDeployments deployments, String nodeId) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future<Integer> management = Future.succeededFuture();
    if (ManagementServer.port(config) >= 0) {
      ManagementServer server = new ManagementServer();
      management = vertx.deployVerticle(server, options).map(id -> server.actualPort());
    }
    NodeHeartbeat heartbeat = new NodeHeartbeat(nodeId, config.getJsonObject("node"), deployments);
    ConfigWatcher watcher = new ConfigWatcher(source, deployments, config);
    NodeScaler scaler = new NodeScaler(nodeId, source.overrideFile(), deployments.registryNames());
    return management.compose(port -> vertx.deployVerticle(heartbeat, options)
      .compose(id -> vertx.deployVerticle(watcher, new DeploymentOptions(options)
        .setThreadingModel(ThreadingModel.WORKER)))
      .compose(id -> vertx.deployVerticle(scaler, options))
      .map(id -> new Deployed(port, heartbeat, watcher)));
  }
}
