package cm.reeyo.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot re-scaling: every {@code node.watchMs} (default 1000; 0 turns watching off) reads the node's configuration
 * again from its {@link ConfigSource} (conf files, node profile, override file) and, when the result differs from
 * what the node runs, converges the node to it ({@link NodeDeployments#converge}). A configuration that is refused
 * (unreadable or invalid file, unknown verticle, negative count, a change of {@code mode} or {@code cluster}, which
 * need a restart) is logged once as {@code config change refused: ...} and the node keeps running as it was.
 * Deployed as a worker so that reading files never holds an event loop.
 */
public final class ConfigWatcher extends VerticleBase {

  public static final String WATCH_MS = "watchMs";
  public static final long DEFAULT_WATCH_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final ConfigSource source;
  private final NodeDeployments deployments;
  private JsonObject applied;
  private JsonObject lastSeen;
  private String lastRefusal;
  private boolean busy;

  /** Watches {@code source} for a node that currently runs {@code applied}. */
  public ConfigWatcher(ConfigSource source, NodeDeployments deployments, JsonObject applied) {
    this.source = source;
    this.deployments = deployments;
    this.applied = applied;
    this.lastSeen = applied;
  }

  /** How often {@code config} asks to look (0: never). */
  public static long periodMs(JsonObject config) {
    return config.getJsonObject("node", new JsonObject()).getLong(WATCH_MS, DEFAULT_WATCH_MS);
  }

  @Override
  public Future<?> start() {
    long period = periodMs(applied);
    if (period > 0) {
      vertx.setPeriodic(period, id -> check());
      LOG.info("watching {} for changes every {} ms{}", source.confDir().resolve(LauncherConfig.NODES_DIR)
          .resolve(source.profile() + ".json"), period,
        source.overrideFile() == null ? "" : " (override file " + source.overrideFile() + ")");
    }
    return Future.succeededFuture();
  }

  /** One look: reload, and converge when the configuration changed. Answers when done. */
  Future<Void> check() {
    if (busy) {
      return Future.succeededFuture();
    }
    busy = true;
    return source.load(vertx)
      .compose(config -> {
        if (config.equals(lastSeen)) {
          return Future.succeededFuture();
        }
        lastSeen = config;
        lastRefusal = null;
        requireRestartFree(applied, config);
        return deployments.converge(config).map(changes -> {
          applied = config;
          if (!changes.isEmpty()) {
            LOG.info("config change applied: {}", String.join(", ", changes));
          }
          return (Void) null;
        });
      })
      .recover(this::report)
      .eventually(() -> {
        busy = false;
        return Future.succeededFuture();
      });
  }

  private Future<Void> report(Throwable failure) {
    String message = failure.getMessage();
    if (failure instanceof ConfigException) {
      if (!Objects.equals(message, lastRefusal)) {
        LOG.warn("config change refused: {}; the node keeps running as it was", message);
        lastRefusal = message;
      }
    } else {
      LOG.error("config change failed to apply: {}; what was running before keeps running", message);
    }
    return Future.succeededFuture();
  }

  private static void requireRestartFree(JsonObject running, JsonObject next) {
    for (String key : List.of(LauncherConfig.MODE, ClusterSettings.CLUSTER)) {
      if (!Objects.equals(running.getValue(key), next.getValue(key))) {
        throw new ConfigException("'" + key + "' changed: that needs a restart");
      }
    }
  }
}
