package cm.reeyo.tcpbridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's figures on the node's metrics ({@code /metrics} of the management port):
 * {@code reeyo_tcpbridge_connections} (open now, all instances of the node) and
 * {@code reeyo_tcpbridge_frames_total{outcome="forwarded"|"refused"}} (sends and publishes put on the bus; frames
 * and logins refused).
 */
final class BridgeCounters {

  static final String CONNECTIONS = "reeyo.tcpbridge.connections";
  static final String FRAMES = "reeyo.tcpbridge.frames";
  private static final AtomicInteger OPEN = new AtomicInteger();

  static {
    Gauge.builder(CONNECTIONS, OPEN, AtomicInteger::get).description("TCP bridge connections open on this node")
      .register(Metrics.globalRegistry);
  }

  void opened() {
    OPEN.incrementAndGet();
  }

  void closed() {
    OPEN.decrementAndGet();
  }

  void forwarded() {
    frames("forwarded");
  }

  void refused() {
    frames("refused");
  }

  private static void frames(String outcome) {
    Counter.builder(FRAMES).description("TCP bridge frames by outcome").tag("outcome", outcome)
      .register(Metrics.globalRegistry).increment();
  }
}
