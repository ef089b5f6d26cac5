package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** Test configuration of the TCP bridge: two service accounts on a free port. */
final class BridgeConfig {

  static final String PROBE_KEY = "probe-key-for-tests-only-000000001";
  static final String WATCHER_KEY = "watcher-key-for-tests-only-00000001";
  static final String JWT_SECRET = "service-jwt-secret-for-tests-only-000001";

  private BridgeConfig() {
  }

  static JsonObject of(int port) {
    JsonObject probe = new JsonObject().put("id", "probe").put("key", PROBE_KEY)
      .put("send", new JsonArray().add("test.v1.echo"))
      .put("publish", new JsonArray().add("ops.v1.alert"))
      .put("listen", new JsonArray().add(new JsonObject().put("regex", "test\\.v1\\.feed\\.[0-9]+")));
    JsonObject watcher = new JsonObject().put("id", "anomaly-watcher")
      .put("keySha256", java.util.HexFormat.of().formatHex(ServiceAccount.sha256(WATCHER_KEY)))
      .put("listen", new JsonArray().add("wallet.v1.events"))
      .put("publish", new JsonArray().add("ops.v1.alert"));
    return new JsonObject().put("tcpBridge", new JsonObject().put("host", "127.0.0.1").put("port", port)
      .put("serviceJwt", new JsonObject().put("secret", JWT_SECRET))
      .put("accounts", new JsonArray().add(probe).add(watcher)));
  }

  static Map<String, String> probeEnv(int port, String key) {
    return Map.of("REEYO_TCP_BRIDGE", "127.0.0.1:" + port, "REEYO_SERVICE_ID", "probe", "REEYO_SERVICE_KEY", key);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
