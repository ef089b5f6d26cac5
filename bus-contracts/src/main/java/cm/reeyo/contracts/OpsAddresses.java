package cm.reeyo.contracts;

/** Operations addresses: node heartbeats and the cluster view. */
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

  private OpsAddresses() {
  }
}
