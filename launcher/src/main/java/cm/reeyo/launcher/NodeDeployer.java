package cm.reeyo.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the verticles a node's profile names ({@code deploy}), each with its instance count
 * ({@code verticles.<name>.instances}, default 1; 0 skips it) and its config: the merged global config
 * without {@code verticles} and {@code deploy}, deep-merged with {@code verticles.<name>.config}. When {@code node.portOffset}
 * is set, it is added to the verticle's listening ports ({@link #PORT_SECTIONS}), so that two nodes can run side by side.
 */
public final class NodeDeployer {

  public static final String DEPLOY = "deploy";
  public static final String VERTICLES = "verticles";
  public static final String INSTANCES = "instances";
  public static final String CONFIG = "config";
  public static final String PORT_OFFSET = "portOffset";
  /** Config sections whose {@code port} is a listening port: HTTP, and the TCP bridge's. */
  public static final java.util.List<String> PORT_SECTIONS = java.util.List.of("http", "tcpBridge");

  private static final Logger LOG = LoggerFactory.getLogger(NodeDeployer.class);

  /** One verticle this node deploys. */
  public record Planned(String name, int instances, JsonObject config) {
    /** Sections of the config only the launcher reads: a change there does not redeploy a verticle. */
    static final java.util.Set<String> LAUNCHER_ONLY = java.util.Set.of("node", "management", "shutdown", "ops");

    /** Whether running {@code other} instead of this would change nothing for the verticle. */
    public boolean sameAs(Planned other) {
      return name.equals(other.name) && instances == other.instances && verticleConfig().equals(other.verticleConfig());
    }

    private JsonObject verticleConfig() {
      JsonObject copy = config.copy();
      LAUNCHER_ONLY.forEach(copy::remove);
      return copy;
    }

    /** The TCP bridge port this verticle serves, or null. */
    public Integer tcpBridgePort() {
      JsonObject tcp = config.getJsonObject("tcpBridge");
      return "tcp-bridge".equals(name) && tcp != null ? tcp.getInteger("port") : null;
    }

    /** The HTTP port this verticle serves, or null. */
    public Integer httpPort() {
      JsonObject http = config.getJsonObject("http");
      return http == null ? null : http.getInteger("port");
    }
  }

  /** A verticle this node deployed. */
  public record Deployed(Planned planned, String deploymentId) {
  }

  private NodeDeployer() {
  }

  /** What {@code config} asks this node to deploy, in order; throws {@link ConfigException} if it cannot. */
  public static List<Planned> plan(JsonObject config, VerticleRegistry registry) {
    JsonArray names = config.getJsonArray(DEPLOY, new JsonArray());
    JsonObject verticles = config.getJsonObject(VERTICLES, new JsonObject());
    List<Planned> plan = new ArrayList<>();
    for (Object entry : names) {
      String name = String.valueOf(entry);
      if (registry.supplier(name).isEmpty()) {
        throw new ConfigException("unknown verticle '" + name + "' in deploy; known: " + registry.names());
      }
      JsonObject settings = verticles.getJsonObject(name, new JsonObject());
      int instances = settings.getInteger(INSTANCES, 1);
      if (instances < 0) {
        throw new ConfigException("verticles." + name + ".instances must be >= 0");
      }
      if (instances > 0) {
        plan.add(new Planned(name, instances, sliceFor(config, name)));
      }
    }
    return plan;
  }

  /** The deployment config of verticle {@code name}: global config ← its slice, port offset applied. */
  public static JsonObject sliceFor(JsonObject config, String name) {
    JsonObject slice = config.copy();
    slice.remove(VERTICLES);
    slice.remove(DEPLOY);
    JsonObject own = config.getJsonObject(VERTICLES, new JsonObject()).getJsonObject(name, new JsonObject());
    slice.mergeIn(own.getJsonObject(CONFIG, new JsonObject()).copy(), true);
    int offset = config.getJsonObject("node", new JsonObject()).getInteger(PORT_OFFSET, 0);
    for (String section : PORT_SECTIONS) {
      JsonObject listener = slice.getJsonObject(section);
      if (offset != 0 && listener != null && listener.getInteger("port") != null) {
        listener.put("port", listener.getInteger("port") + offset);
      }
    }
    return slice;
  }

  /** Deploys the plan one verticle after another; fails on the first verticle that fails to start. */
  public static Future<List<Deployed>> deploy(Vertx vertx, JsonObject config, VerticleRegistry registry) {
    List<Planned> plan;
    try {
      plan = plan(config, registry);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    List<Deployed> deployed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Planned planned : plan) {
      chain = chain.compose(v -> deployOne(vertx, registry, planned)).map(d -> {
        deployed.add(d);
        return null;
      });
    }
    return chain.map(v -> deployed);
  }

  /** Deploys one planned verticle; the failure names the verticle. */
  public static Future<Deployed> deployOne(Vertx vertx, VerticleRegistry registry, Planned planned) {
    DeploymentOptions options = new DeploymentOptions().setInstances(planned.instances()).setConfig(planned.config());
    return vertx.deployVerticle(registry.supplier(planned.name()).orElseThrow(), options)
      .map(id -> {
        LOG.info("deployed {} x{} ({})", planned.name(), planned.instances(), id);
        return new Deployed(planned, id);
      })
      .recover(e -> Future.failedFuture(new IllegalStateException(
        "verticle " + planned.name() + " failed to start: " + e.getMessage(), e)));
  }
}
