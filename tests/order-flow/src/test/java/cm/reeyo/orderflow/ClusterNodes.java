package cm.reeyo.orderflow;

import cm.reeyo.testkit.LocalRedis;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Clustered Vert.x nodes in the test JVM: Hazelcast TCP-IP on 127.0.0.1 free ports, multicast and phone-home off. */
final class ClusterNodes {

  private ClusterNodes() {
  }

  /** Starts {@code count} nodes of one fresh cluster, one after the other. */
  static List<Vertx> start(int count) throws Exception {
    String name = "reeyo-test-" + UUID.randomUUID().toString().substring(0, 8);
    List<Integer> ports = IntStream.range(0, count).mapToObj(i -> LocalRedis.Ports.free()).toList();
    List<Vertx> nodes = new ArrayList<>();
    for (int port : ports) {
      nodes.add(node(name, port, ports).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
    return nodes;
  }

  /** A node of cluster {@code clusterName} on Hazelcast port {@code port}, joining {@code members}. */
  static Future<Vertx> node(String clusterName, int port, List<Integer> members) {
    Config cfg = ConfigUtil.loadConfig();
    // a member that stops answering (kill -9) is dropped after 5 s, as on a production LAN (the launcher's setting)
    cfg.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    cfg.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    cfg.setClusterName(clusterName);
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
    cfg.setProperty("hazelcast.shutdownhook.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig net = cfg.getNetworkConfig();
    net.setPort(port).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
    members.forEach(m -> join.getTcpIpConfig().addMember("127.0.0.1:" + m));
    VertxOptions options = new VertxOptions()
      .setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(cfg)).buildClustered();
  }
}
