package cm.reeyo.simulator;

import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;

/** {@code java -jar reeyo-simulator.jar [options]} (see {@link SimOptions#USAGE}); exit 0 only when the run passed. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    SimOptions options;
    try {
      options = SimOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    CompletableFuture<Simulation.Outcome> outcome = new CompletableFuture<>();
    vertx.runOnContext(v -> new Simulation(vertx, options, System.out).run()
      .onSuccess(outcome::complete)
      .onFailure(outcome::completeExceptionally));
    int code;
    try {
      code = outcome.get().passed() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("the simulation failed: " + e.getMessage());
      code = 1;
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    System.exit(code);
  }
}
