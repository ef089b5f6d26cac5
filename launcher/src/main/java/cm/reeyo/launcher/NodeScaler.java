package cm.reeyo.launcher;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OpsAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's answer to {@link OpsAddresses#nodeScale}: sets {@code verticles.<verticle>.instances} in the node's
 * override file, written to a temporary file beside it and moved over it atomically, so the {@link ConfigWatcher}
 * (which reads the file every {@code node.watchMs}) converges exactly as if an operator had edited it. Requests are
 * applied one after the other. Only verticles the node may run, 1 to {@link #MAX_INSTANCES} instances; a node started
 * without an override file answers CONFLICT.
 */
public final class NodeScaler extends VerticleBase {

  public static final int MAX_INSTANCES = 32;
  private static final Logger LOG = LoggerFactory.getLogger(NodeScaler.class);

  private final String nodeId;
  private final Path overrideFile;
  private final Set<String> verticles;
  private Future<?> queue = Future.succeededFuture();

  /** Scales node {@code nodeId} through {@code overrideFile} (null: none), among {@code verticles}. */
  public NodeScaler(String nodeId, Path overrideFile, Set<String> verticles) {
    this.nodeId = nodeId;
    this.overrideFile = overrideFile;
    this.verticles = Set.copyOf(verticles);
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Object>consumer(OpsAddresses.nodeScale(nodeId), this::handle).completion();
  }

  private void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body) || !(body.getValue("verticle") instanceof String verticle)
      || !verticles.contains(verticle) || !(body.getValue("instances") instanceof Integer instances)
      || instances < 1 || instances > MAX_INSTANCES) {
      message.fail(ErrorCode.VALIDATION_FAILED.busCode(),
        "expected {verticle: one of " + verticles + ", instances: 1.." + MAX_INSTANCES + "}");
      return;
    }
    if (overrideFile == null) {
      message.fail(ErrorCode.CONFLICT.busCode(), "this node runs without an override file (--override FILE)");
      return;
    }
    Future<JsonObject> done = queue.transform(ignored -> write(verticle, instances));
    queue = done;
    done.onSuccess(message::reply).onFailure(failure -> {
      LOG.warn("scale request refused: {}", failure.getMessage());
      message.fail(ErrorCode.of(failure) == ErrorCode.INTERNAL ? ErrorCode.UNAVAILABLE.busCode()
        : ErrorCode.of(failure).busCode(), failure.getMessage());
    });
  }

  private Future<JsonObject> write(String verticle, int instances) {
    FileSystem fs = vertx.fileSystem();
    String target = overrideFile.toAbsolutePath().toString();
    String temporary = target + ".tmp-" + System.nanoTime();
    return fs.exists(target)
      .compose(exists -> exists ? fs.readFile(target) : Future.succeededFuture(Buffer.buffer("{}")))
      .compose(this::parse)
      .compose(override -> {
        JsonObject all = override.getJsonObject("verticles", new JsonObject());
        JsonObject one = all.getJsonObject(verticle, new JsonObject());
        Integer previous = one.getInteger("instances");
        override.put("verticles", all.put(verticle, one.put("instances", instances)));
        return fs.mkdirs(overrideFile.toAbsolutePath().getParent().toString())
          .compose(v -> fs.writeFile(temporary, Buffer.buffer(override.encodePrettily())))
          .compose(v -> fs.move(temporary, target, new CopyOptions().setAtomicMove(true).setReplaceExisting(true)))
          .map(v -> {
            LOG.info("override file {}: {} instances {} -> {}", target, verticle, previous, instances);
            return new JsonObject().put("nodeId", nodeId).put("verticle", verticle).put("instances", instances)
              .put("previous", previous);
          });
      });
  }

  private Future<JsonObject> parse(Buffer content) {
    try {
      return Future.succeededFuture(content.length() == 0 ? new JsonObject() : new JsonObject(content));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(ErrorCode.CONFLICT.exception("the override file is not a JSON object; fix it by hand"));
    }
  }
}
