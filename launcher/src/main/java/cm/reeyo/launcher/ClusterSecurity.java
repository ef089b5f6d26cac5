package cm.reeyo.launcher;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The cluster's own protection. The event bus TCP links between nodes use mutual TLS when {@code cluster.tls} names
 * PEM files ({@code certPath}, {@code keyPath}: this node's certificate and key; {@code caPath}: the CA every node's
 * certificate must chain to): a process without a certificate of that CA can neither send to a node nor receive from
 * one. Prod mode with a non-loopback {@code cluster.host} refuses to start without it. The principal headers are
 * signed with {@code cluster.busSecret} (at least 32 characters; derived from {@code jwt.secret} when absent), so even
 * a message that reaches a node cannot speak for a user ({@link PrincipalHeaders}).
 */
final class ClusterSecurity {

  static final String TLS = "tls";
  static final String BUS_SECRET = "busSecret";
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  private ClusterSecurity() {
  }

  /** Throws {@link ConfigException} when this configuration would run an unprotected cluster across hosts. */
  static void check(JsonObject config) {
    JsonObject cluster = config.getJsonObject(ClusterSettings.CLUSTER, new JsonObject());
    JsonObject tls = cluster.getJsonObject(TLS);
    if (tls != null) {
      for (String key : new String[] {"certPath", "keyPath", "caPath"}) {
        String path = tls.getString(key);
        if (path == null || !Files.isReadable(Path.of(path))) {
          throw new ConfigException("cluster.tls." + key + " must name a readable PEM file: " + path);
        }
      }
    }
    String host = cluster.getString("host", ClusterSettings.DEFAULT_HOST);
    boolean loopback = LOOPBACK.contains(host) || host.startsWith("127.");
    if (tls == null && !loopback && LauncherConfig.MODE_PROD.equals(config.getString(LauncherConfig.MODE))) {
      throw new ConfigException("cluster.host " + host + " is not loopback: prod needs cluster.tls (mutual TLS between nodes)");
    }
    String secret = cluster.getString(BUS_SECRET);
    if (secret != null && secret.length() < 32) {
      throw new ConfigException("cluster.busSecret must have at least 32 characters");
    }
  }

  /** Turns on mutual TLS on {@code eventBus} when {@code cluster.tls} is configured. */
  static EventBusOptions apply(JsonObject config, EventBusOptions eventBus) {
    JsonObject tls = config.getJsonObject(ClusterSettings.CLUSTER, new JsonObject()).getJsonObject(TLS);
    if (tls == null) {
      return eventBus;
    }
    return eventBus.setSsl(true)
      .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.getString("certPath")).setKeyPath(tls.getString("keyPath")))
      .setTrustOptions(new PemTrustOptions().addCertPath(tls.getString("caPath")))
      .setClientAuth(ClientAuth.REQUIRED);
  }

  /** Signs principal headers with the cluster's secret ({@code cluster.busSecret}, else one derived from the JWT secret). */
  static void signPrincipals(JsonObject config) {
    String secret = config.getJsonObject(ClusterSettings.CLUSTER, new JsonObject()).getString(BUS_SECRET);
    String jwt = config.getJsonObject("jwt", new JsonObject()).getString("secret");
    if (secret != null) {
      PrincipalHeaders.useSecret(secret);
    } else if (jwt != null && jwt.length() >= 32) {
      PrincipalHeaders.useSecret("derived-from-jwt\n" + jwt);
    }
  }
}
