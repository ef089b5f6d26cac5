package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.launcher.BusLoad.Kind;
import cm.reeyo.launcher.BusLoad.Outcome;
import cm.reeyo.testkit.LocalRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Zero-downtime operations on a real cluster: engine nodes in their own JVMs ({@link FailoverTestNode}, deployed
 * and stopped by the launcher's own code), this JVM a caller node putting steady load on the bus ({@link BusLoad}: a
 * read, a money write with an idempotency key, a write that is not idempotent). Figures are printed as
 * {@code zero-downtime: ...} lines (docs/benchmarks.md). A benchmark more than a unit test (three JVMs, minutes on a
 * loaded machine): it runs with {@code -Dreeyo.bench.zeroDowntime=true}, see {@code scripts/bench/zero-downtime.sh}.
 */
@DisplayName("Zero downtime: engines re-scaled, nodes restarted one by one, a node killed, under load")
@EnabledIfSystemProperty(named = "reeyo.bench.zeroDowntime", matches = "true")
class ZeroDowntimeTest {

  private static final int CONCURRENCY = 24;

  private final List<EngineProcess> engines = new ArrayList<>();
  private String cluster;
  private int callerPort;
  private int[] enginePorts;
  private String members;
  private Vertx caller;
  private HazelcastClusterManager manager;

  @BeforeEach
  void cluster() throws Exception {
    cluster = "reeyo-zdt-" + UUID.randomUUID();
    callerPort = LocalRedis.Ports.free();
    enginePorts = new int[] {LocalRedis.Ports.free(), LocalRedis.Ports.free()};
    members = "127.0.0.1:" + callerPort + ",127.0.0.1:" + enginePorts[0] + ",127.0.0.1:" + enginePorts[1];
  }

  @AfterEach
  void stop() throws Exception {
    for (EngineProcess engine : engines) {
      engine.destroy();
    }
    if (caller != null) {
      caller.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(900)
  @DisplayName("under load: an engine node re-scaled 1 -> 4 -> 1 twice and a rolling restart (SIGTERM, restart, next)"
    + " lose no request; kill -9 of one of two engine nodes: idempotent requests all succeed within 3 s, only"
    + " non-idempotent requests in flight at the kill may fail, no money operation is applied twice")
  void zeroDowntime() throws Exception {
    startEngine(0, 1);
    startEngine(1, 1);
    joinCaller();
    awaitClusterSafe();
    BusLoad load = warmLoad();

    long phase = System.nanoTime();
    for (int round = 0; round < 2; round++) {
      engines.get(0).scale(4);
      Thread.sleep(300);
      engines.get(0).scale(1);
      Thread.sleep(300);
    }
    List<Outcome> rescale = since(load, phase);
    report("re-scale 1->4->1 x2", rescale);

    phase = System.nanoTime();
    for (int node = 0; node < 2; node++) {
      long stopping = System.nanoTime();
      engines.get(node).terminate();
      System.out.printf("zero-downtime: node %d stopped after SIGTERM in %d ms%n", node, elapsedMs(stopping));
      engines.set(node, EngineProcess.start(cluster, enginePorts[node], members, 1));
      awaitMembers(3);
      awaitClusterSafe();
    }
    List<Outcome> rolling = since(load, phase);
    report("rolling restart of 2 engine nodes", rolling);

    Thread.sleep(1_000);
    long killing = System.nanoTime();
    engines.get(0).kill();
    long killed = System.nanoTime();
    awaitMembers(2);
    System.out.printf("zero-downtime: kill -9: the caller saw the member leave after %d ms%n", elapsedMs(killing));
    Thread.sleep(3_000);
    load.stop();
    System.out.printf("zero-downtime: %d requests still unanswered 6 s after the load stopped%n", load.unanswered());
    List<Outcome> kill = since(load, killing - TimeUnit.SECONDS.toNanos(1));
    report("kill -9 of 1 of 2 engine nodes", kill);
    List<Outcome> all = load.outcomes();
    List<Outcome> idempotent = kill.stream().filter(o -> o.kind() != Kind.PLAIN_WRITE).toList();
    List<Outcome> inFlightAtKill = kill.stream().filter(o -> o.inFlightAt(killing, killed)).toList();
    System.out.printf("zero-downtime: kill -9: %d requests in flight at the kill, %d of them not idempotent%n",
      inFlightAtKill.size(), inFlightAtKill.stream().filter(o -> o.kind() == Kind.PLAIN_WRITE).count());
    failures(kill).forEach(o -> System.out.printf("zero-downtime: kill -9: failed %s %s started %+d ms from the kill,"
      + " after %d ms%n", o.kind(), o.failure(), TimeUnit.NANOSECONDS.toMillis(o.startedNanos() - killing), o.ms()));

    assertThat(load.unanswered()).as("requests never answered").isZero();
    assertThat(rescale).as("the load ran while re-scaling").hasSizeGreaterThan(50);
    assertThat(failures(rescale)).as("failed requests while re-scaling").isEmpty();
    assertThat(failures(rolling)).as("failed requests during the rolling restart").isEmpty();
    assertThat(failures(idempotent)).as("idempotent requests (reads, keyed writes) that failed after kill -9").isEmpty();
    assertThat(idempotent.stream().mapToLong(Outcome::ms).max().orElse(0)).as("longest idempotent wait, ms")
      .isLessThan(3_000);
    assertThat(failures(kill)).as("only requests in flight at the kill fail").allSatisfy(o -> {
      assertThat(o.kind()).isEqualTo(Kind.PLAIN_WRITE);
      assertThat(o.startedNanos()).isLessThanOrEqualTo(killed);
    });
    assertNoDuplicates(all);
  }

  private static List<Outcome> since(BusLoad load, long fromNanos) {
    return load.outcomes().stream().filter(o -> o.endedNanos() >= fromNanos).toList();
  }

  private void awaitMembers(int count) throws InterruptedException {
    long start = System.nanoTime();
    while (manager.getNodes().size() != count && elapsedMs(start) < 60_000) {
      Thread.sleep(20);
    }
  }

  private EngineProcess startEngine(int index, int instances) throws Exception {
    long started = System.nanoTime();
    EngineProcess engine = EngineProcess.start(cluster, enginePorts[index], members, instances);
    engines.add(engine);
    System.out.printf("zero-downtime: engine node %d ready after %d ms%n", index, elapsedMs(started));
    return engine;
  }

  private void joinCaller() throws Exception {
    JsonObject config = ClusterTestNode.clusterConfig(cluster, callerPort, members);
    manager = ClusterNode.manager(config);
    caller = ClusterNode.start(config, manager).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** Starts the load once requests get through (the first cross-node connection takes a moment). */
  private BusLoad warmLoad() throws Exception {
    BusLoad probe = new BusLoad(caller).start(1);
    long started = System.nanoTime();
    while (probe.outcomes().stream().noneMatch(o -> o.failure() == null) && elapsedMs(started) < 60_000) {
      Thread.sleep(100);
    }
    probe.stop();
    BusLoad load = new BusLoad(caller).start(CONCURRENCY);
    Thread.sleep(2_000);
    return load;
  }

  private void awaitClusterSafe() throws InterruptedException {
    long start = System.nanoTime();
    while (!manager.getHazelcastInstance().getPartitionService().isClusterSafe() && elapsedMs(start) < 30_000) {
      Thread.sleep(100);
    }
  }

  private void assertNoDuplicates(List<Outcome> all) {
    List<String> applied = engines.stream().flatMap(e -> e.lines("APPLY ").stream()).toList();
    List<String> executed = engines.stream().flatMap(e -> e.lines("EXEC ").stream()).toList();
    Map<String, Long> appliedTimes = applied.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Map<String, Long> executedTimes = executed.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    System.out.printf("zero-downtime: %d money writes applied (keys), %d plain writes executed%n", applied.size(), executed.size());
    assertThat(appliedTimes.values()).as("a money write applied twice").allMatch(n -> n == 1);
    assertThat(executedTimes.values()).as("a non-idempotent write executed twice").allMatch(n -> n == 1);
    long keyedOk = all.stream().filter(o -> o.kind() == Kind.KEYED_WRITE && o.failure() == null).count();
    assertThat((long) appliedTimes.size()).as("every answered money write was applied").isGreaterThanOrEqualTo(keyedOk);
  }

  private static List<Outcome> failures(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.failure() != null).toList();
  }

  private static void report(String scenario, List<Outcome> all) {
    long[] sorted = all.stream().mapToLong(Outcome::ms).sorted().toArray();
    long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
    Map<String, Long> byCode = failures(all).stream()
      .collect(Collectors.groupingBy(o -> o.kind() + ":" + o.failure(), Collectors.counting()));
    System.out.printf("zero-downtime: %s: %d requests, %d failed %s, p99 %d ms, max %d ms%n", scenario, all.size(),
      failures(all).size(), byCode, p99, sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }
}
