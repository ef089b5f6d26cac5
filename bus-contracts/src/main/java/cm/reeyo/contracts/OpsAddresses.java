package cm.reeyo.contracts;

/** Operations addresses: node heartbeats, the cluster view and per-node scaling. */
public final class OpsAddresses {
  /** Publish: a node's identity, profile, verticles and load, every few seconds. */
  public static final String NODE_HEARTBEAT = "ops.v1.node-heartbeat";
  public static final String CLUSTER_VIEW = "ops.v1.cluster-view";
  /**
   * Request (dev mode only): load the demo data set. Sent once by the launcher after deployment when asked
   * ({@code --demo} or {@code dev.demoData=true}); seeding must be idempotent. Reply: any JSON summary.
   */
  public static final String SEED_DEMO = "ops.v1.seed-demo";
  /**
   * Publish: an operational alert, e.g. from the anomaly watcher (a service on the TCP bridge)
   * {@code {"kind": "large-transaction"|"burst", "walletId", "ownerType", "amount", "threshold", "transferId",
   * "transferType", "count"?, "windowSeconds"?, "at"}}. Sender: a service account ({@link ServicePrincipal}).
   */
  public static final String ALERT = "ops.v1.alert";

  /**
   * Request to one node's launcher ({@code nodeId}: the cluster manager's id, as in the heartbeat)
   * {@code {verticle, instances, actorId?}}: writes {@code verticles.<verticle>.instances} into the node's override
   * file atomically, so its config watcher converges. Reply {@code {nodeId, verticle, instances, previous}};
   * VALIDATION_FAILED (unknown verticle, count out of range), CONFLICT (the node runs without an override file).
   */
  public static String nodeScale(String nodeId) {
    return "ops.v1.node." + nodeId + ".scale";
  }

  private OpsAddresses() {
  }
}
