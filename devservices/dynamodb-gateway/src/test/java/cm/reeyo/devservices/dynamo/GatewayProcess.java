package cm.reeyo.devservices.dynamo;

import cm.reeyo.testkit.LocalDynamo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * A gateway of its own for tests that need special flags (hold hook, short lock waits, fast TTL sweeps, a data
 * folder) or must kill the process; stopped with {@link #close()} or at JVM exit.
 */
final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final String endpoint;
  private final DynamoDbAsyncClient client;

  private GatewayProcess(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
    this.client = LocalDynamo.client(endpoint);
  }

  /** Starts {@code node src/main.js --port 0 <flags>} and waits for its READY line. */
  static GatewayProcess start(String... flags) {
    LocalDynamo.endpoint();
    Path gateway = LocalDynamo.repoRoot().resolve(LocalDynamo.GATEWAY_DIR);
    List<String> command = new ArrayList<>(List.of("node", gateway.resolve("src/main.js").toString(), "--port", "0"));
    command.addAll(List.of(flags));
    try {
      Path log = Files.createTempFile("reeyo-gateway", ".log");
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).get(30, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("READY ")) {
        process.destroyForcibly();
        throw new IllegalStateException("gateway did not start: " + Files.readString(log));
      }
      return new GatewayProcess(process, "http://127.0.0.1:" + line.substring(6).trim());
    } catch (Exception e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  DynamoDbAsyncClient client() {
    return client;
  }

  String endpoint() {
    return endpoint;
  }

  /** kill -9: no cleanup of any kind runs. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    client.close();
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
