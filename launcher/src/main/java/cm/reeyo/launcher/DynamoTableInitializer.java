package cm.reeyo.launcher;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** {@code --init-tables}: every table of every module on the class path, through the storage kit's bootstrap. */
public final class DynamoTableInitializer implements TableInitializer {

  @Override
  public Future<Void> createTables(Vertx vertx, JsonObject config) {
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    return new TableBootstrap(dynamo).ensureAll().andThen(done -> Dynamo.release(vertx));
  }
}
