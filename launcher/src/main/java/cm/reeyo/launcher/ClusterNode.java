package cm.reeyo.launcher;

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

/**
 * Builds this node's clustered Vert.x: Hazelcast from {@link ConfigUtil#loadConfig()} (keeps Vert.x's own map
 * configs), TCP-IP join on the configured members, multicast and auto-detection off, phone-home off, bound to
 * {@code cluster.host}, and Hazelcast's own shutdown hook off (the launcher closes Vert.x itself). Metrics on
 * ({@link NodeMetrics}). Event-bus mutual TLS and principal signing: {@link ClusterSecurity}.
 */
public final class ClusterNode {

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
      new EventBusOptions().setHost(settings.host()).setClusterPublicHost(settings.host()));
    VertxOptions options = NodeMetrics.enable(new VertxOptions().setEventBusOptions(eventBus));
    return Vertx.builder()
      .with(options)
      .withMetrics(NodeMetrics.factory())
      .withClusterManager(manager)
      .buildClustered();
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
