package cm.reeyo.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real {@code redis-server} on a free loopback port, one per test JVM, stopped when the JVM exits.
 * Tests never touch a developer's Redis.
 */
public final class LocalRedis {

  private static LocalRedis instance;

  private final int port;
  private final Process process;

  private LocalRedis(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts the JVM's Redis on first use and answers its connection string. */
  public static synchronized String connectionString() {
    if (instance == null) {
      instance = start();
    }
    return "redis://127.0.0.1:" + instance.port;
  }

  public static synchronized int port() {
    connectionString();
    return instance.port;
  }

  private static LocalRedis start() {
    int port = Ports.free();
    try {
      Path dir = Files.createTempDirectory("reeyo-redis");
      Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      awaitPort(port, Duration.ofSeconds(10));
      return new LocalRedis(port, process);
    } catch (IOException e) {
      throw new IllegalStateException("redis-server could not start (apt-get install redis-server)", e);
    }
  }

  static void awaitPort(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + timeout);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Free loopback ports, each handed out at most once per JVM: a port closed here and handed out twice would let two
   * Vert.x servers of one instance share it (Vert.x balances one port between its servers) instead of failing.
   */
  public static final class Ports {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static int free() {
      for (int attempt = 0; attempt < 100; attempt++) {
        int port = probe();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      }
      throw new IllegalStateException("no fresh loopback port after 100 tries");
    }

    private static int probe() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
