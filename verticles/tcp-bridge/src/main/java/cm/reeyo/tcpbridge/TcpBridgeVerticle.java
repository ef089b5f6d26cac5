package cm.reeyo.tcpbridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.auth.JWTOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The polyglot edge: the Vert.x TCP event-bus bridge ({@code tcpBridge.port}, 7000), so a process in any language
 * that can open a socket lives on the bus as a configured service account. Frames are 4-byte big-endian length +
 * JSON; {@link ServiceGuard} authenticates each connection and authorizes every frame. Settings:
 * {@link TcpBridgeSettings}; protocol and accounts: {@code docs/tcp-bridge.md}.
 */
public class TcpBridgeVerticle extends VerticleBase {

  static final int MIN_JWT_SECRET = 32;
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeVerticle.class);

  private TcpEventBusBridge bridge;

  @Override
  public Future<?> start() {
    TcpBridgeSettings settings = TcpBridgeSettings.from(config());
    ServiceAccounts accounts;
    try {
      accounts = new ServiceAccounts(settings.accounts(), serviceJwt(settings.serviceJwt()));
      bridge = TcpEventBusBridge.create(vertx, bridgeOptions(accounts), settings.serverOptions(),
        new ServiceGuard(accounts, settings, new BridgeCounters()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return bridge.listen().onSuccess(b -> LOG.info("tcp bridge on {}:{} ({}, {} service accounts)", settings.host(),
      settings.port(), settings.tlsEnabled() ? "TLS" : "plain", accounts.all().size()));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }

  /** The union of every account's rules: the stock bridge's own check, behind the per-account one of the guard. */
  private static BridgeOptions bridgeOptions(ServiceAccounts accounts) {
    BridgeOptions options = new BridgeOptions();
    accounts.all().forEach(a -> {
      a.send().toPermitted().forEach(options::addInboundPermitted);
      a.publish().toPermitted().forEach(options::addInboundPermitted);
      a.listen().toPermitted().forEach(options::addOutboundPermitted);
    });
    return options;
  }

  private JWTAuth serviceJwt(JsonObject conf) {
    String secret = conf.getString("secret");
    if (secret == null) {
      return null;
    }
    if (secret.length() < MIN_JWT_SECRET) {
      throw new IllegalArgumentException("tcpBridge.serviceJwt.secret must have at least " + MIN_JWT_SECRET + " characters");
    }
    return JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
      .setJWTOptions(new JWTOptions().setIssuer(conf.getString("issuer", "reeyo"))
        .setAudience(List.of(conf.getString("audience", "reeyo-services")))));
  }
}
