package cm.reeyo.launcher;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and merges a node's configuration with vertx-config.
 *
 * <p>Layers, later ones winning (objects merge deeply, arrays and values are replaced):
 * {@code <conf>/default.json} ← {@code <conf>/dev.json} (only when the mode is {@code dev}) ←
 * {@code <conf>/nodes/<profile>.json} ← {@code REEYO_...} environment variables ({@link EnvOverrides}) ← the
 * operator's override file, when one is given ({@code --override FILE}; a missing file counts as empty). The
 * override file comes last because it is the knob an operator turns on a running node ({@link ConfigWatcher});
 * the environment cannot change after start. The mode is decided on the layers without {@code dev.json} and
 * without the override file, so {@code REEYO_MODE=dev} turns dev mode on.
 */
public final class LauncherConfig {

  public static final String MODE = "mode";
  public static final String MODE_DEV = "dev";
  public static final String MODE_PROD = "prod";
  public static final String DEFAULT_FILE = "default.json";
  public static final String DEV_FILE = "dev.json";
  public static final String NODES_DIR = "nodes";

  private LauncherConfig() {
  }

  /** Loads the merged configuration of {@code profile} from {@code confDir}, then validates it. */
  public static Future<JsonObject> load(Vertx vertx, Path confDir, String profile, Map<String, String> env) {
    return load(vertx, confDir, profile, null, env);
  }

  /** {@link #load(Vertx, Path, String, Map)} with the operator's override file ({@code null}: none). */
  public static Future<JsonObject> load(Vertx vertx, Path confDir, String profile, Path overrideFile,
                                        Map<String, String> env) {
    Path profileFile = confDir.resolve(NODES_DIR).resolve(profile + ".json");
    if (!Files.isRegularFile(profileFile)) {
      return Future.failedFuture(new ConfigException("no node profile " + profileFile));
    }
    Future<JsonObject> defaults = read(vertx, confDir.resolve(DEFAULT_FILE), false);
    Future<JsonObject> dev = read(vertx, confDir.resolve(DEV_FILE), true);
    Future<JsonObject> node = read(vertx, profileFile, false);
    Future<JsonObject> override = overrideFile == null ? Future.succeededFuture(new JsonObject())
      : read(vertx, overrideFile, true);
    return Future.all(defaults, dev, node, override)
      .map(all -> merge(defaults.result(), dev.result(), node.result().put("node",
          new JsonObject().put("profile", profile).mergeIn(node.result().getJsonObject("node", new JsonObject()))),
        override.result(), env))
      .map(LauncherConfig::validate);
  }

  /** Merges the layers as described on the class, without an override file; inputs are not modified. */
  public static JsonObject merge(JsonObject defaults, JsonObject dev, JsonObject profile, Map<String, String> env) {
    return merge(defaults, dev, profile, new JsonObject(), env);
  }

  /** Merges the layers as described on the class; inputs are not modified. */
  public static JsonObject merge(JsonObject defaults, JsonObject dev, JsonObject profile, JsonObject override,
                                 Map<String, String> env) {
    JsonObject withoutDev = EnvOverrides.apply(defaults.copy().mergeIn(profile.copy(), true), env);
    if (!MODE_DEV.equals(withoutDev.getString(MODE))) {
      return withoutDev.mergeIn(override.copy(), true);
    }
    JsonObject layered = defaults.copy().mergeIn(dev.copy(), true).mergeIn(profile.copy(), true);
    return EnvOverrides.apply(layered, env).mergeIn(override.copy(), true);
  }

  /** Answers {@code config} if the launcher may start with it, else throws {@link ConfigException}. */
  public static JsonObject validate(JsonObject config) {
    String mode = config.getString(MODE);
    if (!MODE_DEV.equals(mode) && !MODE_PROD.equals(mode)) {
      throw new ConfigException("mode must be \"dev\" or \"prod\", not " + mode);
    }
    JwtSecretRule.check(config);
    DevModeGuard.check(config);
    ClusterSettings.from(config);
    ClusterSecurity.check(config);
    NodeDeployer.plan(config, VerticleRegistry.defaults());
    return config;
  }

  public static boolean isDev(JsonObject config) {
    return MODE_DEV.equals(config.getString(MODE));
  }

  private static Future<JsonObject> read(Vertx vertx, Path file, boolean optional) {
    if (optional && !Files.isRegularFile(file)) {
      return Future.succeededFuture(new JsonObject());
    }
    ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("json")
      .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
      new ConfigRetrieverOptions().setIncludeDefaultStores(false).addStore(store).setScanPeriod(0));
    return retriever.getConfig()
      .recover(e -> Future.failedFuture(new ConfigException("cannot read " + file + ": " + e.getMessage())))
      .eventually(retriever::close);
  }
}
