package cm.reeyo.launcher;

import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable jar's entry point: reads the configuration ({@link LauncherConfig}), joins the cluster
 * ({@link ClusterNode}), deploys the profile's verticles ({@link NodeDeployer}), prints one line per HTTP
 * endpoint and a {@code READY} line. SIGTERM (or Ctrl-C) undeploys everything and leaves the cluster.
 * Exit codes: 2 for a configuration it refuses, 1 when the node fails to start.
 */
public final class Main {

  public static final long CLOSE_TIMEOUT_SECONDS = 15;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private Main() {
  }

  public static void main(String[] args) {
    JsonObject config;
    Cli cli;
    try {
      cli = Cli.parse(args);
      config = readConfig(cli);
    } catch (ConfigException e) {
      System.err.println("reeyo: refusing to start: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      ClusterSettings cluster = ClusterSettings.from(config);
      LOG.info("starting node {} (profile {}, mode {}) in cluster {} on {}:{}", config.getJsonObject("node")
        .getString("name"), cli.profile(), config.getString(LauncherConfig.MODE), cluster.name(), cluster.host(),
        cluster.port());
      HazelcastClusterManager manager = ClusterNode.manager(config);
      Vertx vertx = await(ClusterNode.start(config, manager));
      installShutdownHook(vertx);
      await(start(vertx, config, cli, manager.getNodes().size()));
    } catch (Exception e) {
      if (STOPPING.get()) {
        LOG.info("startup interrupted by shutdown");
        return;
      }
      LOG.error("node failed to start", e);
      System.err.println("reeyo: node failed to start: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Loads the merged configuration and applies the command line onto it. */
  static JsonObject readConfig(Cli cli) {
    Vertx bootstrap = Vertx.vertx();
    try {
      JsonObject config = await(LauncherConfig.load(bootstrap, cli.confDir(), cli.profile(), System.getenv()));
      JsonObject node = config.getJsonObject("node", new JsonObject());
      config.put("node", node);
      if (cli.portOffset() != null) {
        node.put(NodeDeployer.PORT_OFFSET, cli.portOffset());
      }
      if (node.getString("name") == null) {
        node.put("name", cli.profile() + "-" + ProcessHandle.current().pid());
      }
      return LauncherConfig.validate(config);
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw e.getCause() instanceof ConfigException ce ? ce : new ConfigException(e.getMessage());
    } finally {
      bootstrap.close();
    }
  }

  /** Everything after joining the cluster: tables (if asked), deployment, the ready report, demo data. */
  static Future<Void> start(Vertx vertx, JsonObject config, Cli cli, int clusterSize) {
    Future<Void> tables = cli.initTables() ? initTables(vertx, config) : Future.succeededFuture();
    return tables
      .compose(v -> warmSharedClients(vertx, config))
      .compose(v -> NodeDeployer.deploy(vertx, config, VerticleRegistry.defaults()))
      .compose(deployed -> {
        printReady(config, deployed, clusterSize);
        if (cli.demo() && !LauncherConfig.isDev(config)) {
          LOG.warn("--demo ignored: demo data exists only in dev mode");
        }
        return DemoSeeder.wanted(config, cli.demo())
          ? DemoData.register(vertx, config).compose(v -> DemoSeeder.seed(vertx, config)).mapEmpty()
          : Future.succeededFuture();
      });
  }

  /**
   * Builds the node's shared DynamoDB and Redis clients on a worker thread before any verticle starts (building
   * the AWS client and its first request load many classes: on an event loop that would stall it for seconds).
   * The node holds them until it closes.
   */
  static Future<Void> warmSharedClients(Vertx vertx, JsonObject config) {
    return vertx.executeBlocking(() -> {
      Dynamo dynamo = Dynamo.acquire(vertx, config);
      RedisStore.acquire(vertx, config);
      try {
        dynamo.client().listTables(b -> b.limit(1)).get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception unreachable) {
        LOG.warn("DynamoDB not reachable yet: {}", unreachable.getMessage());
      }
      return null;
    });
  }

  /**
   * The {@code --init-tables} hook: runs each {@link TableInitializer} on the classpath (the storage kit's
   * {@code TableBootstrap}, once it is wired through META-INF/services) before any verticle deploys.
   */
  static Future<Void> initTables(Vertx vertx, JsonObject config) {
    List<TableInitializer> initializers = ServiceLoader.load(TableInitializer.class).stream()
      .map(ServiceLoader.Provider::get).toList();
    if (initializers.isEmpty()) {
      return Future.failedFuture(new ConfigException("--init-tables: no TableInitializer on the classpath"));
    }
    Future<Void> chain = Future.succeededFuture();
    for (TableInitializer initializer : initializers) {
      chain = chain.compose(v -> initializer.createTables(vertx, config));
    }
    return chain.onSuccess(v -> LOG.info("tables ready"));
  }

  static void printReady(JsonObject config, List<NodeDeployer.Deployed> deployed, int clusterSize) {
    for (NodeDeployer.Deployed d : deployed) {
      Integer port = d.planned().httpPort();
      if (port != null) {
        String host = d.planned().config().getJsonObject("http").getString("host", "127.0.0.1");
        System.out.printf("%-14s http://%s:%d%n", d.planned().name(), "0.0.0.0".equals(host) ? "127.0.0.1" : host,
          port);
      }
    }
    int instances = deployed.stream().mapToInt(d -> d.planned().instances()).sum();
    JsonObject node = config.getJsonObject("node");
    System.out.printf("READY node=%s profile=%s mode=%s verticles=%d instances=%d cluster-members=%d%n",
      node.getString("name"), node.getString("profile"), config.getString(LauncherConfig.MODE), deployed.size(),
      instances, clusterSize);
  }

  private static void installShutdownHook(Vertx vertx) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      STOPPING.set(true);
      LOG.info("stopping: undeploying verticles and leaving the cluster");
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("stopped");
      } catch (Exception e) {
        LOG.warn("did not stop cleanly within {} s: {}", CLOSE_TIMEOUT_SECONDS, e.toString());
      }
    }, "reeyo-shutdown"));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
