package cm.reeyo.bridge;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Node.js bridge client ({@code src/test/node/client.js}: the stock {@code @vertx/eventbus-bridge-client.js} over
 * {@code sockjs-client}) driven by JSON-line commands; everything it prints is kept for assertions.
 */
final class NodeClient implements AutoCloseable {

  static final Path DIR = Paths.get("src/test/node").toAbsolutePath();

  private final Process process;
  private final Writer stdin;
  private final Set<JsonObject> used = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<JsonObject> seen = new ArrayList<>();

  private NodeClient(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "node-client-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a client on {@code url} with the token on the URL ({@code "url"}) or on every frame ({@code "header"}). */
  static NodeClient start(String url, String token, String mode) {
    installOnce();
    try {
      Process p = new ProcessBuilder("node", "client.js", url, token == null ? "-" : token, mode)
        .directory(DIR.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      return new NodeClient(p);
    } catch (IOException e) {
      throw new IllegalStateException("node could not start", e);
    }
  }

  static NodeClient start(String url, String token) {
    return start(url, token, "url");
  }

  /** {@code npm ci} from the pinned lock file when node_modules is missing (once per JVM). */
  static synchronized void installOnce() {
    if (Files.isDirectory(DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))
      && Files.isDirectory(DIR.resolve("node_modules/sockjs-client"))) {
      return;
    }
    try {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed in " + DIR);
      }
    } catch (IOException e) {
      throw new IllegalStateException("npm is required to run the bridge tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  NodeClient command(JsonObject command) {
    try {
      stdin.write(command.encode() + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("client gone", e);
    }
    return this;
  }

  NodeClient register(String address) {
    return command(new JsonObject().put("op", "register").put("address", address));
  }

  NodeClient send(String address, Object body, String tag) {
    return command(new JsonObject().put("op", "send").put("address", address).put("body", body).put("tag", tag));
  }

  NodeClient publish(String address, Object body) {
    return command(new JsonObject().put("op", "publish").put("address", address).put("body", body));
  }

  /** The first output line (not yet consumed) matching {@code test}, waiting up to {@code timeout}; fails otherwise. */
  JsonObject await(Predicate<JsonObject> test, Duration timeout, String what) {
    JsonObject found = poll(test, timeout);
    if (found == null) {
      throw new AssertionError("client did not print " + what + " within " + timeout + "; printed " + seen);
    }
    return found;
  }

  /** The first matching line not returned before, within {@code timeout}, or null. */
  JsonObject poll(Predicate<JsonObject> test, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (seen) {
      while (true) {
        for (JsonObject line : seen) {
          if (!used.contains(line) && test.test(line)) {
            used.add(line);
            return line;
          }
        }
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMs <= 0) {
          return null;
        }
        try {
          seen.wait(leftMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  JsonObject awaitType(String type, Duration timeout) {
    return await(l -> type.equals(l.getString("type")), timeout, type);
  }

  JsonObject awaitOpen() {
    return awaitType("open", Duration.ofSeconds(10));
  }

  /** Every line printed so far. */
  List<JsonObject> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonObject json = new JsonObject(line);
        synchronized (seen) {
          seen.add(json);
          seen.notifyAll();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended
    }
  }
}
