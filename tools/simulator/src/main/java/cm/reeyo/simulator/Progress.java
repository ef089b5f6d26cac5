package cm.reeyo.simulator;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** The live status line: orders by state, deliveries in the last minute, worst p99, errors, sockets open. */
final class Progress {

  private final City city;
  private final PrintStream out;
  private final boolean quiet;
  private long timer = -1;
  private long ticks;

  Progress(City city, PrintStream out, boolean quiet) {
    this.city = city;
    this.out = out;
    this.quiet = quiet;
  }

  void start() {
    timer = city.vertx.setPeriodic(1_000, t -> {
      ticks++;
      if (!quiet) {
        out.print("\r" + line() + "   ");
        out.flush();
      } else if (ticks % 30 == 0) {
        out.println(line());
      }
    });
  }

  void stop() {
    if (timer >= 0) {
      city.vertx.cancelTimer(timer);
      timer = -1;
      if (!quiet) {
        out.println();
      }
    }
  }

  String line() {
    Map<String, Integer> byState = new TreeMap<>();
    city.orders.values().forEach(o -> byState.merge(o.status, 1, Integer::sum));
    StringBuilder b = new StringBuilder();
    b.append(String.format("%4ds ", ticks));
    byState.forEach((s, n) -> b.append(abbreviation(s)).append('=').append(n).append(' '));
    b.append("| ").append(city.stats.deliveriesLastMinute(System.currentTimeMillis())).append(" deliv/min")
      .append(" | p99 ").append(city.stats.worstP99()).append(" ms")
      .append(" | err ").append(city.stats.errorCount())
      .append(" | sockets ").append(city.stats.socketsOpen());
    return b.toString();
  }

  private static String abbreviation(String status) {
    return switch (status) {
      case "AWAITING_PAYMENT" -> "await";
      case "PENDING" -> "pend";
      case "ACCEPTED" -> "acc";
      case "PREPARING" -> "prep";
      case "READY" -> "ready";
      case "PICKED_UP" -> "road";
      case "DELIVERED" -> "deliv";
      case "CANCELLED" -> "canc";
      case "REJECTED" -> "rej";
      default -> status.toLowerCase();
    };
  }
}
