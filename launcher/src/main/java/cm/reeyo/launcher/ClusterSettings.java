package cm.reeyo.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code cluster} section: {@code name}, {@code host} (the interface Hazelcast and the event bus bind),
 * {@code port} (this node's Hazelcast port), {@code portCount} (how many ports from {@code port} it may try when
 * one is taken; default 1), {@code members} (TCP-IP join list, {@code host:port} each, no
 * ranges) and optional {@code hazelcastProperties} (extra Hazelcast system properties).
 */
public record ClusterSettings(String name, String host, int port, int portCount, List<String> members,
                              Map<String, Object> hazelcastProperties) {

  public static final String CLUSTER = "cluster";
  public static final String DEFAULT_NAME = "reeyo";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 15701;

  /** Reads and checks the section; throws {@link ConfigException} when it is unusable. */
  public static ClusterSettings from(JsonObject config) {
    JsonObject cluster = config.getJsonObject(CLUSTER, new JsonObject());
    String host = cluster.getString("host", DEFAULT_HOST);
    int port = cluster.getInteger("port", DEFAULT_PORT);
    JsonArray list = cluster.getJsonArray("members", new JsonArray().add(host + ":" + port));
    List<String> members = new ArrayList<>();
    for (Object member : list) {
      String text = String.valueOf(member).trim();
      if (!text.matches("[^:\\s]+:\\d{1,5}")) {
        throw new ConfigException("cluster.members entries must be host:port, one port each (no ranges): " + text);
      }
      members.add(text);
    }
    int portCount = cluster.getInteger("portCount", 1);
    if (portCount < 1) {
      throw new ConfigException("cluster.portCount must be >= 1");
    }
    if (members.isEmpty()) {
      throw new ConfigException("cluster.members must not be empty");
    }
    return new ClusterSettings(cluster.getString("name", DEFAULT_NAME), host, port, portCount, List.copyOf(members),
      cluster.getJsonObject("hazelcastProperties", new JsonObject()).getMap());
  }
}
