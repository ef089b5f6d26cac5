package cm.reeyo.launcher;

import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in engine for the zero-downtime tests, served through {@link BusServer} and drained in {@code stop()} as the
 * real engines are: a read ({@code catalog.v1.menu}), a money write deduplicated by its idempotency key
 * ({@code wallet.v1.topup}: the first request with a key is applied, in a cluster-wide map, later ones are replays) and
 * a write that is not idempotent ({@code chat.v1.typing}). Each answer takes a few milliseconds. Applied keys and
 * executed writes are printed ({@code APPLY key}, {@code EXEC id}) so that the test can count them across processes.
 */
public final class FailoverTestEngine extends VerticleBase {

  static final String APPLIED = "zdt-applied-topups";
  private static final String PID = String.valueOf(ProcessHandle.current().pid());

  private BusServer bus;

  @Override
  public Future<?> start() {
    bus = BusServer.on(vertx)
      .serveBody(OrderAddresses.CATALOG_MENU, body -> vertx.timer(3).map(t -> new JsonObject()
        .put("vendorId", body.getString("vendorId")).put("items", new JsonArray()).put("node", PID)))
      .serveBody(WalletAddresses.TOPUP, this::topup)
      .serveBody(RealtimeAddresses.TYPING, body -> vertx.timer(3).map(t -> {
        print("EXEC " + body.getString("orderId"));
        return new JsonObject().put("delivered", 1);
      }));
    return bus.ready();
  }

  private Future<JsonObject> topup(JsonObject body) {
    String key = body.getString("idempotencyKey");
    long amount = body.getLong("amount");
    return vertx.timer(3)
      .compose(t -> vertx.sharedData().<String, String>getAsyncMap(APPLIED))
      .compose(map -> map.putIfAbsent(key, PID))
      .map(previous -> {
        if (previous == null) {
          print("APPLY " + key);
        }
        return new JsonObject().put("paymentId", key).put("status", previous == null ? "PENDING" : "REPLAYED")
          .put("amount", amount);
      });
  }

  @Override
  public Future<?> stop() {
    return bus.drain();
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
