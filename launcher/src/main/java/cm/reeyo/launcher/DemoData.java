package cm.reeyo.launcher;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.identity.Accounts;
import cm.reeyo.identity.DemoAccounts;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.Passwords;
import cm.reeyo.orders.DemoCatalog;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.wallet.DemoFunds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Dev mode only: answers {@link OpsAddresses#SEED_DEMO} by creating the spec's demo people (identity), the demo
 * restaurant with its menu and the rider online nearby (order engine), and the customer's 50,000 XAF through a
 * Campay top-up confirmed by a signed webhook (wallet engine). Every step is idempotent.
 */
final class DemoData {

  private DemoData() {
  }

  static Future<Void> register(Vertx vertx, JsonObject config) {
    return BusServer.on(vertx).serveBody(OpsAddresses.SEED_DEMO, body -> seed(vertx, config)).ready();
  }

  private static Future<JsonObject> seed(Vertx vertx, JsonObject config) {
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    RedisStore redis = RedisStore.acquire(vertx, config);
    Passwords passwords = new Passwords(vertx, config.getJsonObject(Identity.CONF, new JsonObject()));
    return new DemoAccounts(new Accounts(dynamo), passwords).ensure()
      .compose(v -> new DemoCatalog(dynamo, redis.api()).seed())
      .compose(v -> DemoFunds.grant(vertx, config))
      .andThen(done -> {
        Dynamo.release(vertx);
        RedisStore.release(vertx);
      })
      .map(funds -> new JsonObject().put("accounts", 3).put("funds", funds));
  }
}
