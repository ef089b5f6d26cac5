package cm.reeyo.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A second cluster node for {@link ClusterRequestReplyTest}, run in its own JVM:
 * {@code ClusterTestNode <clusterName> <hazelcastPort> <members,comma-separated> <address>}. Joins through
 * {@link ClusterNode}, answers requests on the address with its pid, and prints {@code READY} when it does.
 */
public final class ClusterTestNode {

  private ClusterTestNode() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = clusterConfig(args[0], Integer.parseInt(args[1]), args[2]);
    Vertx vertx = ClusterNode.start(config).toCompletionStage().toCompletableFuture().get();
    String pid = String.valueOf(ProcessHandle.current().pid());
    vertx.eventBus().<String>consumer(args[3], message -> message.reply("pong from " + pid))
      .completion().toCompletionStage().toCompletableFuture().get();
    System.out.println("READY " + pid);
    System.out.flush();
  }

  static JsonObject clusterConfig(String name, int port, String members) {
    return new JsonObject().put("cluster", new JsonObject()
      .put("name", name).put("host", "127.0.0.1").put("port", port)
      .put("members", new JsonArray(java.util.List.of(members.split(",")))));
  }
}
