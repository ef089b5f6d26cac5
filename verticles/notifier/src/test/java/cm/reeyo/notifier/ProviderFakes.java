package cm.reeyo.notifier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** WireMock standing in for Twilio, SendGrid and SNS (one server, as {@code fakes.baseUrl} in dev). */
final class ProviderFakes {

  static final String TWILIO_PATH = "/2010-04-01/Accounts/[^/]+/Messages.json";
  static final String SENDGRID_PATH = "/v3/mail/send";

  final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  ProviderFakes start() {
    server.start();
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every provider answers success. */
  void allHealthy() {
    server.resetAll();
    twilio(twilioCreated());
    sendgrid(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-1"));
    sns();
  }

  void twilio(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathMatching(TWILIO_PATH)).willReturn(response));
  }

  void sendgrid(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(SENDGRID_PATH)).willReturn(response));
  }

  void stub(MappingBuilder mapping) {
    server.stubFor(mapping);
  }

  static ResponseDefinitionBuilder twilioCreated() {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
      .withBody("{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}");
  }

  static ResponseDefinitionBuilder twilioError(int status, int code) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
      .withBody("{\"code\":" + code + ",\"message\":\"refused\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code
        + "\",\"status\":" + status + "}");
  }

  void sns() {
    server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CreatePlatformEndpoint"))
      .willReturn(xml("<CreatePlatformEndpointResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
        + "<CreatePlatformEndpointResult><EndpointArn>arn:aws:sns:us-east-1:000000000000:endpoint/GCM/reeyo-dev/e1</EndpointArn>"
        + "</CreatePlatformEndpointResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
        + "</CreatePlatformEndpointResponse>")));
    server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
      .willReturn(xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
        + "<MessageId>p-1</MessageId></PublishResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata>"
        + "</PublishResponse>")));
  }

  private static ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
  }

  List<LoggedRequest> sms() {
    return server.findAll(postRequestedFor(urlPathMatching(TWILIO_PATH)));
  }

  List<LoggedRequest> emails() {
    return server.findAll(postRequestedFor(urlEqualTo(SENDGRID_PATH)));
  }

  List<LoggedRequest> publishes() {
    return server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish")));
  }

  /** Requests to {@code path} that the fake answered with a 2xx (accepted by the "provider"). */
  List<ServeEvent> accepted(String pathRegex) {
    return server.getAllServeEvents().stream()
      .filter(e -> e.getRequest().getUrl().matches(pathRegex))
      .filter(e -> e.getResponse().getStatus() / 100 == 2)
      .toList();
  }

  void stop() {
    server.stop();
  }
}
