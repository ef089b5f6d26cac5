package cm.reeyo.launcher;

import cm.reeyo.contracts.bus.BusClient;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;

/**
 * Builds this node's clustered Vert.x: Hazelcast from {@link ConfigUtil#loadConfig()} (keeps Vert.x's own map
 * configs), TCP-IP join on the configured members, multicast and auto-detection off, phone-home off, bound to
 * {@code cluster.host}, and Hazelcast's own shutdown hook off (the launcher closes Vert.x itself). Metrics on
 * ({@link NodeMetrics}). Event-bus mutual TLS and principal signing: {@link ClusterSecurity}.
 *
 * <p>Losing a member is noticed fast ({@link #FAILURE_DETECTION}, tuned for a LAN; see docs/operations.md for the
 * trade-off): Vert.x then purges the departed member's subscriptions, and once they are gone
 * ({@link #MEMBER_LEFT_RETRY_DELAY_MS} later) the node's idempotent requests still in flight are sent again
 * ({@link BusClient#memberLeft}), since those that went to the dead member would otherwise wait for their deadline.
 */
public final class ClusterNode {

  /**
   * Hazelcast failure detection for a LAN (defaults: a heartbeat every 5 s, a member declared dead after 60 s of
   * silence, split clusters merged after 300 s). A crashed process is seen at once (its TCP connections reset); a
   * machine that vanishes or freezes is declared dead after 5 s; a member wrongly declared dead (a long GC pause)
   * merges back within about 10 s. Each key can be overridden in {@code cluster.hazelcastProperties}.
   */
  public static final Map<String, String> FAILURE_DETECTION = Map.of(
    "hazelcast.heartbeat.interval.seconds", "1",
    "hazelcast.max.no.heartbeat.seconds", "5",
    "hazelcast.merge.first.run.delay.seconds", "10",
    "hazelcast.merge.next.run.delay.seconds", "10");
  /** How long after a member left the node's idempotent requests in flight are sent again. */
  public static final long MEMBER_LEFT_RETRY_DELAY_MS = 200;
  /** Connecting to another member's event bus gives up after this long (Vert.x default: 60 s). */
  public static final int EVENT_BUS_CONNECT_TIMEOUT_MS = 1_000;

  private ClusterNode() {
  }

  /** Starts a clustered Vert.x for {@code config}'s {@code cluster} section. */
  public static Future<Vertx> start(JsonObject config) {
    return start(config, manager(config));
  }

  /** The cluster manager for {@code config}'s {@code cluster} section. */
  public static HazelcastClusterManager manager(JsonObject config) {
    return new HazelcastClusterManager(hazelcastConfig(ClusterSettings.from(config)));
  }

  /** Starts a clustered Vert.x with {@code manager} (from {@link #manager}), bound to {@code cluster.host}. */
  public static Future<Vertx> start(JsonObject config, HazelcastClusterManager manager) {
    ClusterSettings settings = ClusterSettings.from(config);
    ClusterSecurity.check(config);
    ClusterSecurity.signPrincipals(config);
    EventBusOptions eventBus = ClusterSecurity.apply(config,
      new EventBusOptions().setHost(settings.host()).setClusterPublicHost(settings.host())
        .setConnectTimeout(EVENT_BUS_CONNECT_TIMEOUT_MS));
    VertxOptions options = NodeMetrics.enable(new VertxOptions().setEventBusOptions(eventBus));
    return Vertx.builder()
      .with(options)
      .withMetrics(NodeMetrics.factory())
      .withClusterManager(manager)
      .buildClustered()
      .onSuccess(vertx -> failOverOnMemberLoss(vertx, manager));
  }

  private static void failOverOnMemberLoss(Vertx vertx, HazelcastClusterManager manager) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        vertx.setTimer(MEMBER_LEFT_RETRY_DELAY_MS, id -> BusClient.memberLeft(vertx));
      }
    });
  }

  /** The Hazelcast configuration for {@code settings}. */
  public static Config hazelcastConfig(ClusterSettings settings) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(settings.name());
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    FAILURE_DETECTION.forEach(hz::setProperty);
    settings.hazelcastProperties().forEach((key, value) -> hz.setProperty(key, String.valueOf(value)));
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(settings.portCount() > 1).setPortCount(settings.portCount());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).setMembers(settings.members());
    return hz;
  }
}
