package cm.reeyo.orderflow;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock per test JVM (started on first use, ≈ 1.4 s) playing the third parties, as {@code fakes.baseUrl}
 * does in dev: Campay ({@code /token/}, {@code /collect/}, {@code /transaction/}, {@code /withdraw/}) and the
 * notification providers (Twilio, SendGrid, SNS). The paths do not overlap; tests tell their traffic apart by the
 * order id or the recipient, since every test has its own accounts.
 */
final class Fakes {

  /** The webhook key the wallet engine is configured with: signed webhooks from "Campay" use it. */
  static final String CAMPAY_WEBHOOK_KEY = "order-flow-campay-webhook-key";
  static final String TWILIO_PATH = "/2010-04-01/Accounts/[^/]+/Messages.json";
  static final String SENDGRID_PATH = "/v3/mail/send";

  private static WireMockServer server;

  private Fakes() {
  }

  /** The running fake (started and stubbed on the first call; call it from a test thread, never an event loop). */
  static synchronized WireMockServer server() {
    if (server == null) {
      WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .templatingEnabled(true).globalTemplating(false));
      s.start();
      stubCampay(s);
      stubProviders(s);
      warmUp(s);
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
      server = s;
    }
    return server;
  }

  /**
   * One templated answer before any test asks: WireMock's first template takes seconds on a loaded machine, longer than
   * the wallet's Campay timeout, and would fail the first top-up of the JVM.
   */
  private static void warmUp(WireMockServer s) {
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/collect/"))
          .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String baseUrl() {
    return "http://127.0.0.1:" + server().port();
  }

  private static void stubCampay(WireMockServer s) {
    s.stubFor(post("/token/").willReturn(okJson("{\"token\":\"tok-test\",\"expires_in\":3600}")));
    s.stubFor(post("/collect/").willReturn(okJson(
        "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"ussd_code\":\"*126#\",\"operator\":\"MTN\"}")
      .withTransformers("response-template")));
    s.stubFor(post("/withdraw/").willReturn(okJson(
        "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"SUCCESSFUL\"}")
      .withTransformers("response-template")));
    s.stubFor(get(urlPathMatching("/transaction/.*")).willReturn(okJson("{\"status\":\"PENDING\"}")));
  }

  private static void stubProviders(WireMockServer s) {
    s.stubFor(post(urlPathMatching(TWILIO_PATH)).willReturn(aResponse().withStatus(201)
      .withHeader("Content-Type", "application/json")
      .withBody("{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}")));
    s.stubFor(post(urlEqualTo(SENDGRID_PATH)).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-1")));
    s.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
      .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>p-1</MessageId></PublishResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata>"
          + "</PublishResponse>")));
  }

  /** Sets what Campay's {@code GET /transaction/{reference}/} answers for one payment (the engine asks it on a webhook). */
  static void campaySays(String reference, String externalReference, String status, long amount) {
    server().stubFor(get(urlPathEqualTo("/transaction/" + reference + "/")).atPriority(1)
      .willReturn(okJson(new JsonObject().put("reference", reference).put("status", status).put("amount", amount)
        .put("currency", "XAF").put("external_reference", externalReference).encode())));
  }

  /**
   * The collection Campay received whose description names {@code text} (an order id): its request body
   * ({@code amount, from, external_reference, ...}) plus the {@code reference} Campay answered.
   */
  static Optional<JsonObject> collection(String text) {
    return server().getAllServeEvents().stream()
      .filter(e -> e.getRequest().getUrl().equals("/collect/") && e.getRequest().getBodyAsString().contains(text))
      .findFirst()
      .map(Fakes::collectionOf);
  }

  private static JsonObject collectionOf(ServeEvent e) {
    return new JsonObject(e.getRequest().getBodyAsString())
      .put("reference", new JsonObject(e.getResponse().getBodyAsString()).getString("reference"));
  }

  /** The e-mails SendGrid was asked to send to {@code address}: SendGrid's v3 mail JSON. */
  static List<JsonObject> emailsTo(String address) {
    return server().findAll(postRequestedFor(urlEqualTo(SENDGRID_PATH))).stream()
      .map(r -> new JsonObject(r.getBodyAsString()))
      .filter(m -> m.getJsonArray("personalizations").stream().map(JsonObject.class::cast)
        .flatMap(p -> p.getJsonArray("to").stream().map(JsonObject.class::cast))
        .anyMatch(to -> address.equalsIgnoreCase(to.getString("email"))))
      .toList();
  }
}
