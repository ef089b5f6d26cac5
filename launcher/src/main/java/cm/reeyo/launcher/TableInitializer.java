package cm.reeyo.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Creates the DynamoDB tables ({@code --init-tables}). Found with {@link java.util.ServiceLoader}: the storage
 * kit's {@code TableBootstrap} is wired in through an implementation listed in
 * {@code META-INF/services/cm.reeyo.launcher.TableInitializer}.
 */
public interface TableInitializer {

  /** Creates missing tables described by {@code config} (the node's merged config); existing ones are kept. */
  Future<Void> createTables(Vertx vertx, JsonObject config);
}
