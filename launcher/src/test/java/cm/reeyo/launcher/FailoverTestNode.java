package cm.reeyo.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * An engine node for the zero-downtime tests, in its own JVM: {@code FailoverTestNode <clusterName> <hazelcastPort>
 * <members,comma-separated> <instances>}. Joins through {@link ClusterNode}, deploys {@link FailoverTestEngine} through
 * the launcher's {@link NodeDeployments}, installs the launcher's SIGTERM path ({@link Main#installShutdownHook}) and
 * prints {@code READY pid}. A line {@code scale N} on stdin converges to N instances and prints {@code SCALED N}.
 */
public final class FailoverTestNode {

  static final String ENGINE = "test-engine";

  private FailoverTestNode() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = ClusterTestNode.clusterConfig(args[0], Integer.parseInt(args[1]), args[2]);
    Vertx vertx = ClusterNode.start(config).toCompletionStage().toCompletableFuture().get();
    NodeDeployments deployments = new NodeDeployments(vertx,
      VerticleRegistry.defaults().register(ENGINE, FailoverTestEngine::new));
    Main.installShutdownHook(vertx, deployments, 0);
    converge(deployments, Integer.parseInt(args[3]));
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("scale ")) {
        int instances = Integer.parseInt(line.substring("scale ".length()).trim());
        converge(deployments, instances);
        System.out.println("SCALED " + instances);
        System.out.flush();
      }
    }
  }

  private static void converge(NodeDeployments deployments, int instances) throws Exception {
    JsonObject plan = new JsonObject().put(NodeDeployer.DEPLOY, new JsonArray().add(ENGINE))
      .put(NodeDeployer.VERTICLES, new JsonObject().put(ENGINE, new JsonObject().put(NodeDeployer.INSTANCES, instances)));
    deployments.converge(plan).toCompletionStage().toCompletableFuture().get();
  }
}
