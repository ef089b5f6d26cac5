package cm.reeyo.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The project's DynamoDB gateway (dynalite plus transactions, see devservices/dynamodb-gateway) on a free
 * loopback port, one per test JVM, stopped when the JVM exits. Tests never touch a real DynamoDB.
 * Needs Node 20 on the PATH; runs {@code npm ci} in the gateway folder first if its node_modules is missing.
 */
public final class LocalDynamo {

  /** Folder of the gateway, relative to the repository root. */
  public static final String GATEWAY_DIR = "devservices/dynamodb-gateway";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static String shared;

  private LocalDynamo() {
  }

  /** Starts the JVM's gateway on first use and answers its endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public static synchronized String endpoint() {
    if (shared == null) {
      shared = start(0, 0);
    }
    return shared;
  }

  /**
   * Starts a separate gateway (stopped at JVM exit) that cancels {@code conflictRate} of transactions with
   * reason TransactionConflict and answers {@code errorRate} of data-plane requests with 500 or throttling.
   */
  public static String startWithFaults(double conflictRate, double errorRate) {
    return start(conflictRate, errorRate);
  }

  /** An async client for the JVM's gateway: endpoint override, dummy static credentials, us-east-1. */
  public static DynamoDbAsyncClient client() {
    return client(endpoint());
  }

  /** An async client for the gateway at {@code endpoint}. */
  public static DynamoDbAsyncClient client(String endpoint) {
    return DynamoDbAsyncClient.builder()
      .endpointOverride(URI.create(endpoint))
      .region(Region.US_EAST_1)
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(128))
      .build();
  }

  /** The repository root: the nearest folder, from the working directory up, that holds the gateway. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve(GATEWAY_DIR))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no " + GATEWAY_DIR + " above " + Path.of("").toAbsolutePath());
  }

  private static String start(double conflictRate, double errorRate) {
    Path gateway = repoRoot().resolve(GATEWAY_DIR);
    ensureInstalled(gateway);
    try {
      Path log = Files.createTempFile("reeyo-dynamo", ".log");
      Process process = new ProcessBuilder(List.of("node", gateway.resolve("src/main.js").toString(),
        "--port", "0", "--host", "127.0.0.1",
        "--fault-conflict-rate", String.valueOf(conflictRate), "--fault-error-rate", String.valueOf(errorRate)))
        .redirectError(log.toFile())
        .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      int port = awaitReady(process, log);
      return "http://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new IllegalStateException("the DynamoDB gateway could not start (is Node 20 on the PATH?)", e);
    }
  }

  private static int awaitReady(Process process, Path log) {
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
          if (line.startsWith("READY ")) {
            return Integer.parseInt(line.substring(6).trim());
          }
        }
        return -1;
      } catch (IOException e) {
        return -1;
      }
    });
    try {
      int port = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (port < 0) {
        throw new IllegalStateException("the DynamoDB gateway exited before READY: " + tail(log));
      }
      Thread drain = new Thread(() -> stdout.lines().forEach(line -> { }), "local-dynamo-stdout");
      drain.setDaemon(true);
      drain.start();
      return port;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroy();
      throw new IllegalStateException("the DynamoDB gateway did not get READY in " + START_TIMEOUT + ": " + tail(log), e);
    }
  }

  private static void ensureInstalled(Path gateway) {
    if (Files.isDirectory(gateway.resolve("node_modules/dynalite"))) {
      return;
    }
    Path lockFile = gateway.resolve(".npm-ci.lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (Files.isDirectory(gateway.resolve("node_modules/dynalite"))) {
        return;
      }
      Path log = Files.createTempFile("reeyo-npm-ci", ".log");
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefix", gateway.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
      if (!npm.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroy();
        throw new IllegalStateException("npm ci --prefix " + GATEWAY_DIR + " failed: " + tail(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException("npm ci --prefix " + GATEWAY_DIR + " could not run (is npm on the PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
