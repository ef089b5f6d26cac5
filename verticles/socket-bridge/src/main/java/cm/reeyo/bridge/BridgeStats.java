package cm.reeyo.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the bridge, one set per Vert.x instance (shared by every bridge verticle instance of the node), served as
 * JSON on {@code GET /stats}: sockets open, messages in and out, numbered envelopes, replays, refusals by reason,
 * messages dropped for slow clients, plus heap and CPU of the process.
 */
public final class BridgeStats {

  private static final Map<Vertx, BridgeStats> NODES = new ConcurrentHashMap<>();

  private final AtomicLong socketsOpen = new AtomicLong();
  private final LongAdder socketsOpened = new LongAdder();
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder messagesOut = new LongAdder();
  private final LongAdder numbered = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final LongAdder slowDrops = new LongAdder();
  private final LongAdder idleClosed = new LongAdder();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

  public static BridgeStats of(Vertx vertx) {
    return NODES.computeIfAbsent(vertx, v -> new BridgeStats());
  }

  static void forget(Vertx vertx) {
    NODES.remove(vertx);
  }

  void opened() {
    socketsOpen.incrementAndGet();
    socketsOpened.increment();
  }

  void closed() {
    socketsOpen.decrementAndGet();
  }

  void in() {
    messagesIn.increment();
  }

  void out() {
    messagesOut.increment();
  }

  void numbered() {
    numbered.increment();
  }

  void replayed() {
    replays.increment();
  }

  void slowDrop() {
    slowDrops.increment();
  }

  void idleClosed() {
    idleClosed.increment();
  }

  void refused(String reason) {
    refusals.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  public long refusals(String reason) {
    LongAdder count = refusals.get(reason);
    return count == null ? 0 : count.sum();
  }

  public long socketsOpen() {
    return socketsOpen.get();
  }

  public JsonObject toJson() {
    JsonObject refused = new JsonObject();
    new TreeMap<>(refusals).forEach((reason, count) -> refused.put(reason, count.sum()));
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    JsonObject jvm = new JsonObject()
      .put("heapUsedBytes", heap.getUsed())
      .put("heapMaxBytes", heap.getMax())
      .put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      jvm.put("processCpuLoad", os.getProcessCpuLoad()).put("processCpuTimeMs", os.getProcessCpuTime() / 1_000_000);
    }
    return new JsonObject()
      .put("socketsOpen", socketsOpen.get())
      .put("socketsOpened", socketsOpened.sum())
      .put("messagesIn", messagesIn.sum())
      .put("messagesOut", messagesOut.sum())
      .put("numbered", numbered.sum())
      .put("replays", replays.sum())
      .put("slowClientDrops", slowDrops.sum())
      .put("idleClosed", idleClosed.sum())
      .put("refusals", refused)
      .put("jvm", jvm);
  }
}
