package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.util.Set;

/**
 * The TCP bridge's settings, from the {@code tcpBridge} section of the node configuration.
 *
 * @param host           interface to bind ({@code host}, 127.0.0.1)
 * @param port           TCP port ({@code port}, 7000; the node's port offset is added)
 * @param readIdleSeconds a connection that sends nothing for this long is closed ({@code readIdleSeconds}, 30);
 *                       clients ping to stay connected
 * @param maxTimeoutMs   cap on the {@code timeout} header of a request ({@code maxTimeoutMs}, 30 s)
 * @param maxHandlers    addresses one connection may listen on at once ({@code maxHandlersPerConnection}, 32)
 * @param tls            the {@code tls} section: {@code enabled}, then {@code certPath} + {@code keyPath} (PEM) or
 *                       {@code keyStorePath} + {@code keyStorePassword} (JKS, or PKCS#12 for .p12/.pfx);
 *                       {@code allowPlain} lets a non-loopback host run without TLS (never in production)
 * @param serviceJwt     the {@code serviceJwt} section ({@code secret}, {@code issuer}, {@code audience}); without a
 *                       secret, service tokens are refused and accounts log in with their key
 * @param accounts       the {@code accounts} array ({@link ServiceAccount})
 */
record TcpBridgeSettings(String host, int port, int readIdleSeconds, long maxTimeoutMs, int maxHandlers, JsonObject tls,
                         JsonObject serviceJwt, JsonArray accounts) {

  static final String CONF = "tcpBridge";
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  static TcpBridgeSettings from(JsonObject config) {
    JsonObject c = config.getJsonObject(CONF, new JsonObject());
    return new TcpBridgeSettings(
      c.getString("host", "127.0.0.1"),
      c.getInteger("port", 7000),
      c.getInteger("readIdleSeconds", 30),
      c.getLong("maxTimeoutMs", 30_000L),
      c.getInteger("maxHandlersPerConnection", 32),
      c.getJsonObject("tls", new JsonObject()),
      c.getJsonObject("serviceJwt", new JsonObject()),
      c.getJsonArray("accounts", new JsonArray()));
  }

  boolean tlsEnabled() {
    return tls.getBoolean("enabled", false);
  }

  /** The server options; throws {@link IllegalArgumentException} for a plain listener off loopback. */
  NetServerOptions serverOptions() {
    NetServerOptions options = new NetServerOptions().setHost(host).setPort(port).setReadIdleTimeout(readIdleSeconds)
      .setTcpNoDelay(true);
    if (!tlsEnabled()) {
      if (!LOOPBACK.contains(host) && !tls.getBoolean("allowPlain", false)) {
        throw new IllegalArgumentException("tcpBridge on " + host + " needs tcpBridge.tls (or tls.allowPlain)");
      }
      return options;
    }
    options.setSsl(true);
    if (tls.getString("certPath") != null) {
      return options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.getString("certPath"))
        .setKeyPath(required("keyPath")));
    }
    String store = required("keyStorePath");
    String password = tls.getString("keyStorePassword");
    boolean pkcs12 = store.endsWith(".p12") || store.endsWith(".pfx");
    return options.setKeyCertOptions(pkcs12 ? new PfxOptions().setPath(store).setPassword(password)
      : new JksOptions().setPath(store).setPassword(password));
  }

  private String required(String key) {
    String value = tls.getString(key);
    if (value == null) {
      throw new IllegalArgumentException("tcpBridge.tls." + key + " is required");
    }
    return value;
  }
}
