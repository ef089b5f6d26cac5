package cm.reeyo.orderflow;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.orders.OrderEngineVerticle;
import cm.reeyo.wallet.WalletEngineVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A core node in its own JVM for {@link KillNineTest}: a cluster member running the order and wallet engines with a
 * node config read from a file. Prints {@code ENGINE-NODE-READY} once both engines are deployed; a test ends it with SIGKILL.
 * Arguments: cluster name, Hazelcast port, member ports (comma-separated), config file, the cluster's bus secret.
 */
public final class EngineNode {

  private EngineNode() {
  }

  public static void main(String[] args) throws Exception {
    PrincipalHeaders.useSecret(args[4]);
    List<Integer> members = Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList();
    JsonObject config = new JsonObject(Files.readString(Path.of(args[3])));
    Vertx vertx = ClusterNodes.node(args[0], Integer.parseInt(args[1]), members)
      .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    vertx.deployVerticle(new OrderEngineVerticle(), options)
      .compose(v -> vertx.deployVerticle(new WalletEngineVerticle(), options))
      .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    System.out.println("ENGINE-NODE-READY");
    System.out.flush();
    // until the test kills this JVM (or closes its stdin)
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    Runtime.getRuntime().halt(0);
  }
}
