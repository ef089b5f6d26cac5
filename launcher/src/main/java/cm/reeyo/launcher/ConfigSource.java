package cm.reeyo.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/**
 * How this node's configuration is made, kept for the node's lifetime so that a change of the files can be
 * read again the same way as at start-up: the layers of {@link LauncherConfig} for {@code profile}, then the
 * command line's port offset and the node's name (fixed at start: {@code node.name}, else {@code <profile>-<pid>}).
 */
public record ConfigSource(Path confDir, String profile, Path overrideFile, Map<String, String> env,
                           Integer portOffset, String nodeName) {

  /** The source of a node started with {@code cli} in environment {@code env}; the name is decided on first load. */
  public static ConfigSource of(Cli cli, Map<String, String> env) {
    return new ConfigSource(cli.confDir(), cli.profile(), cli.overrideFile(), Map.copyOf(env), cli.portOffset(), null);
  }

  /** This source with the node's name fixed (reloads keep it). */
  public ConfigSource named(String name) {
    return new ConfigSource(confDir, profile, overrideFile, env, portOffset, name);
  }

  /** Reads, merges and validates the configuration; fails with a {@link ConfigException} when it is refused. */
  public Future<JsonObject> load(Vertx vertx) {
    return LauncherConfig.load(vertx, confDir, profile, overrideFile, env).map(this::adjust)
      .recover(e -> Future.failedFuture(e instanceof ConfigException ? e
        : e.getCause() instanceof ConfigException ce ? ce : new ConfigException(String.valueOf(e.getMessage()))));
  }

  private JsonObject adjust(JsonObject config) {
    JsonObject node = config.getJsonObject("node", new JsonObject());
    config.put("node", node);
    if (portOffset != null) {
      node.put(NodeDeployer.PORT_OFFSET, portOffset);
    }
    if (nodeName != null) {
      node.put("name", nodeName);
    } else if (node.getString("name") == null) {
      node.put("name", profile + "-" + ProcessHandle.current().pid());
    }
    return LauncherConfig.validate(config);
  }
}
