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
 * {@code <conf>/nodes/<profile>.json} ← {@code REEYO_...} environment variables ({@link EnvOverrides}).
 * The mode is decided on the layers without {@code dev.json}, so {@code REEYO_MODE=dev} turns dev mode on.
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
    Path profileFile = confDir.resolve(NODES_DIR).resolve(profile + ".json");
    if (!Files.isRegularFile(profileFile)) {
      return Future.failedFuture(new ConfigException("no node profile " + profileFile));
    }
    Future<JsonObject> defaults = read(vertx, confDir.resolve(DEFAULT_FILE), false);
    Future<JsonObject> dev = read(vertx, confDir.resolve(DEV_FILE), true);
    Future<JsonObject> node = read(vertx, profileFile, false);
    return Future.all(defaults, dev, node)
      .map(all -> merge(defaults.result(), dev.result(), node.result().put("node",
        new JsonObject().put("profile", profile).mergeIn(node.result().getJsonObject("node", new JsonObject()))), env))
      .map(LauncherConfig::validate);
  }

  /** Merges the layers as described on the class; inputs are not modified. */
  public static JsonObject merge(JsonObject defaults, JsonObject dev, JsonObject profile, Map<String, String> env) {
    JsonObject withoutDev = EnvOverrides.apply(defaults.copy().mergeIn(profile.copy(), true), env);
    if (!MODE_DEV.equals(withoutDev.getString(MODE))) {
      return withoutDev;
    }
    JsonObject layered = defaults.copy().mergeIn(dev.copy(), true).mergeIn(profile.copy(), true);
    return EnvOverrides.apply(layered, env);
  }

  /** Answers {@code config} if the launcher may start with it, else throws {@link ConfigException}. */
  public static JsonObject validate(JsonObject config) {
    String mode = config.getString(MODE);
    if (!MODE_DEV.equals(mode) && !MODE_PROD.equals(mode)) {
      throw new ConfigException("mode must be \"dev\" or \"prod\", not " + mode);
    }
    JwtSecretRule.check(config);
    ClusterSettings.from(config);
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
