package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Node.js process of {@code services/anomaly-watcher} (the service or its probe); its stdout lines are kept. */
final class NodeService implements AutoCloseable {

  static final Path DIR = Paths.get("../../services/anomaly-watcher").toAbsolutePath().normalize();

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private NodeService(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "node-service-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether {@code node} (20+) runs here: the tests that need it skip otherwise. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isDirectory(DIR)
        && Integer.parseInt(version.replaceAll("^v(\\d+).*", "$1")) >= 18;
    } catch (IOException | NumberFormatException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static NodeService start(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("node"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile())
      .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().keySet().removeIf(k -> k.startsWith("REEYO_") || k.startsWith("WATCH_"));
    builder.environment().putAll(env);
    try {
      return new NodeService(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("node could not start", e);
    }
  }

  /** The first line matching, waiting up to {@code timeout}. */
  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching line from node within " + timeout + "; output: " + lines);
  }

  /** The probe's {@code RESULT {...}} summary. */
  JsonObject result(Duration timeout) throws InterruptedException {
    return new JsonObject(await(l -> l.startsWith("RESULT "), timeout).substring("RESULT ".length()));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
