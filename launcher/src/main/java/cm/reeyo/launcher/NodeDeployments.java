package cm.reeyo.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs on this node, by verticle name, and how to bring it to a new plan without a restart.
 *
 * <p>{@link #converge} changes one verticle at a time: a verticle whose instance count or config changed gets a
 * new deployment with the new count first, and only once it runs is the old deployment undeployed (HTTP
 * verticles share their port, so the port never closes and the old instances finish what they started, see
 * {@code ApiFoundation.close()}); a verticle new to the plan is deployed; one gone from it is undeployed. If a new
 * deployment fails to start, the old one keeps running and the convergence stops there with the failure.
 * Convergences never overlap: a second call waits for the first.
 */
public final class NodeDeployments {

  private static final Logger LOG = LoggerFactory.getLogger(NodeDeployments.class);

  private final Vertx vertx;
  private final VerticleRegistry registry;
  private final Map<String, NodeDeployer.Deployed> running = new LinkedHashMap<>();
  private Future<Void> last = Future.succeededFuture();

  public NodeDeployments(Vertx vertx, VerticleRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** Brings the node to the plan of {@code config}; answers what changed (empty when nothing did). */
  public synchronized Future<List<String>> converge(JsonObject config) {
    List<NodeDeployer.Planned> plan;
    try {
      plan = NodeDeployer.plan(config, registry);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    List<String> changes = new ArrayList<>();
    Future<Void> chain = last.otherwiseEmpty();
    for (NodeDeployer.Planned planned : plan) {
      chain = chain.compose(v -> apply(planned, changes));
    }
    chain = chain.compose(v -> removeAbsent(plan, changes));
    last = chain;
    return chain.map(v -> changes);
  }

  /** Every verticle name this node knows how to deploy. */
  public java.util.Set<String> registryNames() {
    return registry.names();
  }

  /** Instances per running verticle, in deployment order. */
  public synchronized Map<String, Integer> instances() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    running.forEach((name, d) -> counts.put(name, d.planned().instances()));
    return counts;
  }

  /** The running deployments, in deployment order. */
  public synchronized List<NodeDeployer.Deployed> deployed() {
    return List.copyOf(running.values());
  }

  /** Undeploys everything, all verticles at once (each closes gracefully); waits for a running convergence. */
  public Future<Void> undeployAll() {
    Future<Void> previous;
    synchronized (this) {
      previous = last.otherwiseEmpty();
    }
    return previous.compose(v -> {
      List<NodeDeployer.Deployed> all;
      synchronized (this) {
        all = List.copyOf(running.values());
        running.clear();
      }
      return Future.join(all.stream().map(d -> vertx.undeploy(d.deploymentId())
        .onFailure(e -> LOG.warn("undeploy of {} failed: {}", d.planned().name(), e.toString()))).toList());
    }).mapEmpty();
  }

  private Future<Void> apply(NodeDeployer.Planned planned, List<String> changes) {
    NodeDeployer.Deployed current;
    synchronized (this) {
      current = running.get(planned.name());
    }
    if (current != null && current.planned().sameAs(planned)) {
      return Future.succeededFuture();
    }
    return NodeDeployer.deployOne(vertx, registry, planned).compose(fresh -> {
      synchronized (this) {
        running.put(planned.name(), fresh);
      }
      if (current == null) {
        changes.add(planned.name() + " +" + planned.instances());
        return Future.succeededFuture();
      }
      changes.add(planned.name() + " " + current.planned().instances() + "->" + planned.instances());
      return undeploy(current);
    });
  }

  private Future<Void> removeAbsent(List<NodeDeployer.Planned> plan, List<String> changes) {
    Set<String> wanted = new java.util.HashSet<>();
    plan.forEach(p -> wanted.add(p.name()));
    List<NodeDeployer.Deployed> gone = new ArrayList<>();
    synchronized (this) {
      running.values().removeIf(d -> {
        if (wanted.contains(d.planned().name())) {
          return false;
        }
        gone.add(d);
        return true;
      });
    }
    Future<Void> chain = Future.succeededFuture();
    for (NodeDeployer.Deployed d : gone) {
      changes.add(d.planned().name() + " removed");
      chain = chain.compose(v -> undeploy(d));
    }
    return chain;
  }

  private Future<Void> undeploy(NodeDeployer.Deployed old) {
    return vertx.undeploy(old.deploymentId())
      .onSuccess(v -> LOG.info("undeployed {} x{} ({})", old.planned().name(), old.planned().instances(),
        old.deploymentId()));
  }
}
