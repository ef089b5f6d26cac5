package cm.reeyo.launcher;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The dev-mode demo-data hook: after deployment, when {@code --demo} is given or {@code dev.demoData} is true,
 * the launcher sends one {@link OpsAddresses#SEED_DEMO} request. Domain verticles that own demo data answer it;
 * while none does, the request fails with NO_HANDLERS and the node carries on. The outcome is printed as one
 * {@code DEMO-DATA seeded|skipped|failed ...} line (scripts/run watches for it).
 */
public final class DemoSeeder {

  public static final String DEV = "dev";
  public static final String DEMO_DATA = "demoData";

  private DemoSeeder() {
  }

  /** Whether this node should ask for demo data. */
  public static boolean wanted(JsonObject config, boolean cliDemo) {
    boolean asked = cliDemo || config.getJsonObject(DEV, new JsonObject()).getBoolean(DEMO_DATA, false);
    return asked && LauncherConfig.isDev(config);
  }

  /** Sends the request; answers the printed outcome line. Never fails. */
  public static Future<String> seed(Vertx vertx, JsonObject config) {
    JsonObject request = new JsonObject()
      .put("node", config.getJsonObject("node", new JsonObject()).getString("name"))
      .put("admin", config.getJsonObject(DEV, new JsonObject()).getJsonObject("admin"));
    return BusClient.of(vertx).request(OpsAddresses.SEED_DEMO, request)
      .map(reply -> "DEMO-DATA seeded " + reply)
      .otherwise(DemoSeeder::describe)
      .onSuccess(System.out::println);
  }

  private static String describe(Throwable failure) {
    if (ErrorCode.UNAVAILABLE.matches(failure)) {
      return "DEMO-DATA skipped: nothing handles " + OpsAddresses.SEED_DEMO + " yet";
    }
    return "DEMO-DATA failed: " + failure.getMessage();
  }
}
