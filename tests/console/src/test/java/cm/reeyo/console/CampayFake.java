package cm.reeyo.console;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Campay played by WireMock ({@code /token/}, {@code /collect/}, {@code /withdraw/}, {@code /transaction/}), one per JVM. */
final class CampayFake {

  static final String WEBHOOK_KEY = "console-test-campay-webhook-key";
  private static WireMockServer server;

  private CampayFake() {
  }

  static synchronized String baseUrl() {
    if (server == null) {
      WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .templatingEnabled(true).globalTemplating(false));
      s.start();
      s.stubFor(post("/token/").willReturn(okJson("{\"token\":\"tok-test\",\"expires_in\":3600}")));
      s.stubFor(post("/collect/").willReturn(okJson(
          "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"ussd_code\":\"*126#\",\"operator\":\"MTN\"}")
        .withTransformers("response-template")));
      s.stubFor(post("/withdraw/").willReturn(okJson(
          "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"SUCCESSFUL\"}")
        .withTransformers("response-template")));
      s.stubFor(get(urlPathMatching("/transaction/.*")).willReturn(okJson("{\"status\":\"PENDING\"}")));
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
      server = s;
    }
    return "http://127.0.0.1:" + server.port();
  }
}
