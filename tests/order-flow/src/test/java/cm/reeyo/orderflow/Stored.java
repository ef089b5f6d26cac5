package cm.reeyo.orderflow;

import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/** What the system of record holds, read straight from the test's DynamoDB (consistent reads), and polling for it. */
final class Stored {

  private Stored() {
  }

  /** The follow-up {@code kind} of {@code ref} (any engine's), or null when there is none. */
  static Future<JsonObject> followUp(Platform p, String kind, String ref) {
    return item(p, "followups", "followUpId", FollowUps.id(kind, ref));
  }

  static Future<JsonObject> order(Platform p, String orderId) {
    return item(p, "orders", "orderId", orderId);
  }

  static Future<JsonObject> payout(Platform p, String payoutId) {
    return item(p, "payouts", "payoutId", payoutId);
  }

  static Future<JsonObject> item(Platform p, String table, String keyName, String key) {
    return p.dynamo.call(c -> c.getItem(b -> b.tableName(p.dynamo.table(table)).key(Items.key(keyName, key))
        .consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** An item of a table keyed by hash and range. */
  static Future<JsonObject> item(Platform p, String table, String hashName, String hash, String rangeName, String range) {
    return p.dynamo.call(c -> c.getItem(b -> b.tableName(p.dynamo.table(table))
        .key(java.util.Map.of(hashName, Items.s(hash), rangeName, Items.s(range))).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** Polls {@code check} every 100 ms until it answers true (fails after 20 s). */
  static Future<Void> eventually(Vertx vertx, Supplier<Future<Boolean>> check) {
    Promise<Void> done = Promise.promise();
    poll(vertx, check, System.currentTimeMillis() + 20_000, done);
    return done.future();
  }

  private static void poll(Vertx vertx, Supplier<Future<Boolean>> check, long deadline, Promise<Void> done) {
    check.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        done.complete();
      } else if (System.currentTimeMillis() > deadline) {
        done.fail("not so after 20 s" + (ar.failed() ? ": " + ar.cause() : ""));
      } else {
        vertx.setTimer(100, t -> poll(vertx, check, deadline, done));
      }
    });
  }
}
