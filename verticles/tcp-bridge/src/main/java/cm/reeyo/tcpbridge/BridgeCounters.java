package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonObject;

/** What one bridge instance has seen: open connections, frames forwarded to the bus, frames and logins refused. */
final class BridgeCounters {

  private long open;
  private long forwarded;
  private long refused;

  void opened() {
    open++;
  }

  void closed() {
    open--;
  }

  void forwarded() {
    forwarded++;
  }

  void refused() {
    refused++;
  }

  JsonObject toJson() {
    return new JsonObject().put("connections", open).put("forwarded", forwarded).put("refused", refused);
  }
}
