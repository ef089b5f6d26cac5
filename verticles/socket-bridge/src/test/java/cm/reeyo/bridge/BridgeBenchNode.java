package cm.reeyo.bridge;

import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The node the load driver ({@code scripts/bench/bridge-load.js}) talks to: one Vert.x with the socket bridge (one
 * instance per core), a fresh Redis, and a stand-in order engine in which rider {@code rider_<i mod riders>} carries
 * order {@code order_<i>} of customer {@code user_<i>}. Not a test; run by {@code scripts/bench/bridge.sh}.
 * Arguments: port, customers, riders.
 */
public final class BridgeBenchNode {

  private BridgeBenchNode() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int customers = Integer.parseInt(args[1]);
    int riders = Integer.parseInt(args[2]);
    Vertx vertx = Vertx.vertx();
    FakeOrderEngine orders = new FakeOrderEngine();
    for (int i = 0; i < customers; i++) {
      orders.order("order_" + i, "user_" + i, "vendor_" + (i % 50), "rider_" + (i % riders));
    }
    JsonObject bridge = new JsonObject().put("partyCacheMs", 120_000).put("locationMinIntervalMs", 500);
    int instances = Runtime.getRuntime().availableProcessors();
    orders.deploy(vertx)
      .compose(v -> vertx.deployVerticle(SocketBridgeVerticle.class,
        new DeploymentOptions().setInstances(instances).setConfig(Tokens.bridgeConfig(port, bridge))))
      .toCompletionStage().toCompletableFuture().get();
    System.out.println("{\"ready\":true,\"port\":" + port + ",\"instances\":" + instances + ",\"redis\":" + LocalRedis.port() + "}");
    Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    Thread.currentThread().join();
  }
}
