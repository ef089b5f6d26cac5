package cm.reeyo.contracts;

/** Operations addresses: node heartbeats and the cluster view. */
public final class OpsAddresses {
  /** Publish: a node's identity, profile, verticles and load, every few seconds. */
  public static final String NODE_HEARTBEAT = "ops.v1.node-heartbeat";
  public static final String CLUSTER_VIEW = "ops.v1.cluster-view";

  private OpsAddresses() {
  }
}
