package cm.reeyo.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link FailoverTestNode} in its own JVM: its output lines are kept (READY, SCALED, APPLY, EXEC). */
final class EngineProcess {

  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private EngineProcess(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the process died: what it printed is kept
      }
    }, "engine-process-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static EngineProcess start(String cluster, int port, String members, int instances) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
      FailoverTestNode.class.getName(), cluster, String.valueOf(port), members, String.valueOf(instances))
      .redirectError(ProcessBuilder.Redirect.DISCARD)
      .start();
    EngineProcess engine = new EngineProcess(p);
    try {
      engine.await("READY ", 180_000);
    } catch (RuntimeException | InterruptedException e) {
      engine.destroy();
      throw e;
    }
    return engine;
  }

  void scale(int instances) throws Exception {
    long before = count("SCALED " + instances);
    stdin.write("scale " + instances + "\n");
    stdin.flush();
    long started = System.nanoTime();
    while (count("SCALED " + instances) == before) {
      check(started, 60_000, "SCALED " + instances);
      Thread.sleep(20);
    }
  }

  /** SIGTERM, as an orchestrator stops a node; waits for the process to end. */
  void terminate() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the node did not stop within 60 s of SIGTERM");
    }
  }

  /** kill -9. */
  void kill() throws Exception {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  void destroy() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  List<String> lines(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
  }

  private long count(String line) {
    return lines.stream().filter(line::equals).count();
  }

  private void await(String prefix, long timeoutMs) throws Exception {
    long started = System.nanoTime();
    while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
      check(started, timeoutMs, prefix);
      Thread.sleep(50);
    }
  }

  private void check(long started, long timeoutMs, String waitingFor) {
    if (!process.isAlive()) {
      throw new IllegalStateException("the node exited while waiting for " + waitingFor);
    }
    if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) > timeoutMs) {
      throw new IllegalStateException("no " + waitingFor + " within " + timeoutMs + " ms");
    }
  }
}
