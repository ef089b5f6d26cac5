package cm.reeyo.launcher;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.edge.Readiness;
import cm.reeyo.storage.BusinessMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;

/**
 * This node in the cluster view: publishes on {@link OpsAddresses#NODE_HEARTBEAT} every {@code ops.heartbeatMs}
 * (default 2000) {@code {nodeId, name, profile, verticles: {name: instances}, startedAt, uptimeSeconds,
 * load: {cpu, heapUsedMb, eventLoopLagMs}, draining, leaving}} ({@code draining}: SIGTERM received). On undeploy it publishes once more with
 * {@code leaving: true} so that views drop the node at once. {@code cpu} is the process CPU load (0..1, -1 when
 * unknown); {@code eventLoopLagMs} is the largest delay of a 100 ms timer seen since the last heartbeat.
 */
public final class NodeHeartbeat extends VerticleBase {

  public static final String OPS = "ops";
  public static final String HEARTBEAT_MS = "heartbeatMs";
  public static final long DEFAULT_HEARTBEAT_MS = 2000;
  private static final long LAG_PROBE_MS = 100;

  private final String nodeId;
  private final JsonObject node;
  private final NodeDeployments deployments;
  private final Instant startedAt = Instant.now();
  private long probeExpectedAt;
  private long maxLagMs;

  /** {@code nodeId}: the cluster manager's id of this node; {@code node}: the {@code node} config section. */
  public NodeHeartbeat(String nodeId, JsonObject node, NodeDeployments deployments) {
    this.nodeId = nodeId;
    this.node = node;
    this.deployments = deployments;
  }

  @Override
  public Future<?> start() {
    long period = config().getJsonObject(OPS, new JsonObject()).getLong(HEARTBEAT_MS, DEFAULT_HEARTBEAT_MS);
    probeExpectedAt = System.nanoTime() + LAG_PROBE_MS * 1_000_000;
    vertx.setPeriodic(LAG_PROBE_MS, id -> probeLag());
    vertx.setPeriodic(1, period, id -> publish(false));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    publish(true);
    return Future.succeededFuture();
  }

  /** The heartbeat as published now. */
  public JsonObject heartbeat(boolean leaving) {
    JsonObject verticles = new JsonObject();
    deployments.instances().forEach(verticles::put);
    return new JsonObject()
      .put("nodeId", nodeId)
      .put("name", node.getString("name"))
      .put("profile", node.getString("profile"))
      .put("verticles", verticles)
      .put("startedAt", startedAt.toString())
      .put("uptimeSeconds", Instant.now().getEpochSecond() - startedAt.getEpochSecond())
      .put("load", load())
      .put("draining", Readiness.nodeDraining())
      .put("leaving", leaving);
  }

  private void publish(boolean leaving) {
    vertx.eventBus().publish(OpsAddresses.NODE_HEARTBEAT, heartbeat(leaving));
    BusinessMetrics.eventLoopLag(maxLagMs);
    maxLagMs = 0;
  }

  private void probeLag() {
    long now = System.nanoTime();
    maxLagMs = Math.max(maxLagMs, Math.max(0, (now - probeExpectedAt) / 1_000_000));
    probeExpectedAt = now + LAG_PROBE_MS * 1_000_000;
  }

  private JsonObject load() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
      ? os.getProcessCpuLoad() : -1;
    return new JsonObject()
      .put("cpu", Math.round(cpu * 1000) / 1000.0)
      .put("heapUsedMb", memory.getHeapMemoryUsage().getUsed() / (1024 * 1024))
      .put("eventLoopLagMs", maxLagMs);
  }
}
