package cm.reeyo.tcpbridge;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(VertxExtension.class)
@DisplayName("TCP bridge: TLS from configuration, no plain listener off loopback")
class TcpBridgeTlsTest {

  @Test
  @DisplayName("with a PEM certificate and key, the Node client logs in over TLS and is served; a plain client is closed")
  void tls(Vertx vertx) throws Exception {
    assumeTrue(NodeService.available(), "node is not installed");
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    int port = BridgeConfig.freePort();
    JsonObject config = BridgeConfig.of(port);
    config.getJsonObject("tcpBridge").put("tls", new JsonObject().put("enabled", true)
      .put("certPath", cert.certificatePath()).put("keyPath", cert.privateKeyPath()));
    vertx.eventBus().consumer("test.v1.echo", m -> m.reply(new JsonObject().put("echo", m.body()))).completion().await();
    vertx.deployVerticle(new TcpBridgeVerticle(), new DeploymentOptions().setConfig(config)).await();
    Map<String, String> env = new HashMap<>(BridgeConfig.probeEnv(port, BridgeConfig.PROBE_KEY));
    env.put("REEYO_TCP_BRIDGE", "localhost:" + port);
    env.put("REEYO_TCP_BRIDGE_TLS", "true");
    env.put("REEYO_TCP_BRIDGE_CA", cert.certificatePath());
    JsonObject overTls;
    try (NodeService probe = NodeService.start(env, "probe.js", "allowed")) {
      overTls = probe.result(Duration.ofSeconds(20));
    }
    JsonObject plain;
    try (NodeService probe = NodeService.start(BridgeConfig.probeEnv(port, BridgeConfig.PROBE_KEY), "probe.js", "allowed")) {
      plain = probe.result(Duration.ofSeconds(20));
    }
    assertThat(overTls.getString("login")).isEqualTo("ok");
    assertThat(overTls.getJsonObject("afterRefusals")).isEqualTo(new JsonObject().put("echo", new JsonObject().put("again", true)));
    assertThat(plain.getString("login")).startsWith("refused");
  }

  @Test
  @DisplayName("a plain listener on a non-loopback interface refuses to start")
  void plainOffLoopback(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = BridgeConfig.of(BridgeConfig.freePort());
    config.getJsonObject("tcpBridge").put("host", "0.0.0.0");
    vertx.deployVerticle(new TcpBridgeVerticle(), new DeploymentOptions().setConfig(config))
      .onComplete(ctx.failing(e -> ctx.verify(() -> {
        assertThat(e).hasMessageContaining("needs tcpBridge.tls");
        ctx.completeNow();
      })));
  }
}
