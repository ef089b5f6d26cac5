package cm.reeyo.launcher;

import cm.reeyo.edge.Readiness;
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
 * ({@link ClusterNode}), deploys the profile's verticles ({@link NodeDeployer}), seeds the demo data in dev mode when
 * asked, prints one line per HTTP endpoint and a {@code READY} line; then watches its configuration ({@link ConfigWatcher}) and publishes its
 * heartbeat ({@link NodeHeartbeat}). SIGTERM (or Ctrl-C) drains, undeploys and leaves the cluster
 * ({@link GracefulShutdown}).
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
    ConfigSource source;
    Cli cli;
    try {
      cli = Cli.parse(System.getenv(), args);
      ConfigSource unnamed = ConfigSource.of(cli, System.getenv());
      config = readConfig(unnamed);
      source = unnamed.named(config.getJsonObject("node").getString("name"));
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
      NodeDeployments deployments = new NodeDeployments(vertx, VerticleRegistry.defaults());
      installShutdownHook(vertx, deployments, GracefulShutdown.drainMs(config));
      await(start(vertx, config, cli, source, deployments, manager));
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

  /** Loads the merged configuration (command line applied) with a short-lived Vert.x. */
  static JsonObject readConfig(ConfigSource source) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return await(source.load(bootstrap));
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw e.getCause() instanceof ConfigException ce ? ce : new ConfigException(e.getMessage());
    } finally {
      bootstrap.close();
    }
  }

  /**
   * Everything after joining the cluster: tables (if asked), deployment, the management port, the heartbeat, the
   * config watcher, demo data, then the ready report. Every {@code /ready} of the node answers 503 STARTING until
   * the ready report.
   */
  static Future<Void> start(Vertx vertx, JsonObject config, Cli cli, ConfigSource source,
                            NodeDeployments deployments, HazelcastClusterManager manager) {
    Readiness.nodeStarting();
    Future<Void> tables = cli.initTables() ? initTables(vertx, config) : Future.succeededFuture();
    return tables
      .compose(v -> warmSharedClients(vertx, config))
      .compose(v -> deployments.converge(config))
      .compose(v -> OpsVerticles.deploy(vertx, config, source, deployments, manager.getNodeId()))
      .compose(ops -> demoData(vertx, config, cli).map(ops))
      .map(ops -> {
        Readiness.nodeStarted();
        printReady(config, deployments.deployed(), ops.managementPort(), manager.getNodes().size());
        return null;
      });
  }

  /**
   * Dev mode's demo data, when asked for: seeded before the node reports ready, so that the moment {@code /ready}
   * answers 200 and the banner shows, the demo accounts can log in. A failed seeding is reported and not fatal.
   */
  static Future<Void> demoData(Vertx vertx, JsonObject config, Cli cli) {
    if (cli.demo() && !LauncherConfig.isDev(config)) {
      LOG.warn("--demo ignored: demo data exists only in dev mode");
    }
    return DemoSeeder.wanted(config, cli.demo())
      ? DemoData.register(vertx, config).compose(v -> DemoSeeder.seed(vertx, config)).mapEmpty()
      : Future.succeededFuture();
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

  static void printReady(JsonObject config, List<NodeDeployer.Deployed> deployed, Integer managementPort,
                         int clusterSize) {
    for (NodeDeployer.Deployed d : deployed) {
      Integer port = d.planned().httpPort();
      if (port != null) {
        String host = d.planned().config().getJsonObject("http").getString("host", "127.0.0.1");
        System.out.printf("%-14s http://%s:%d%n", d.planned().name(), "0.0.0.0".equals(host) ? "127.0.0.1" : host,
          port);
      }
      Integer tcpPort = d.planned().tcpBridgePort();
      if (tcpPort != null) {
        String host = d.planned().config().getJsonObject("tcpBridge").getString("host", "127.0.0.1");
        System.out.printf("%-14s tcp://%s:%d%n", d.planned().name(), "0.0.0.0".equals(host) ? "127.0.0.1" : host, tcpPort);
      }
    }
    if (managementPort != null) {
      System.out.printf("%-14s http://127.0.0.1:%d/metrics%n", "management", managementPort);
    }
    int instances = deployed.stream().mapToInt(d -> d.planned().instances()).sum();
    JsonObject node = config.getJsonObject("node");
    System.out.printf("READY node=%s profile=%s mode=%s verticles=%d instances=%d cluster-members=%d%n",
      node.getString("name"), node.getString("profile"), config.getString(LauncherConfig.MODE), deployed.size(),
      instances, clusterSize);
    System.out.flush();
  }

  static void installShutdownHook(Vertx vertx, NodeDeployments deployments, long drainMs) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      STOPPING.set(true);
      LOG.info("stopping: draining, undeploying verticles and leaving the cluster");
      long limitMs = drainMs + TimeUnit.SECONDS.toMillis(GracefulShutdown.GRACE_SECONDS);
      long started = System.nanoTime();
      try {
        GracefulShutdown.drainAndUndeploy(vertx, deployments, drainMs).toCompletionStage().toCompletableFuture()
          .get(limitMs, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("verticles did not stop cleanly within {} ms: {}", limitMs, e.toString());
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("stopped after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      } catch (Exception e) {
        LOG.warn("did not leave the cluster cleanly within {} s: {}", CLOSE_TIMEOUT_SECONDS, e.toString());
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
