package cm.reeyo.notifier.provider;

import cm.reeyo.notifier.NotifierConfig;
import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import io.vertx.core.json.JsonObject;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClients;

import java.io.IOException;
import java.net.URI;

/**
 * E-mail through sendgrid-java ({@code POST /v3/mail/send}). Payload: {@code {to, subject, text, html}}.
 * The messageId travels as a custom argument, so SendGrid's event webhooks and activity can be matched. Blocking.
 */
public final class SendGridEmail implements ChannelSender {

  private final SendGrid sendGrid;
  private final Email from;

  public SendGridEmail(NotifierConfig.SendGrid conf) {
    RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(5000).setSocketTimeout(15000)
      .setConnectionRequestTimeout(5000).build();
    boolean local = conf.baseUrl() != null && conf.baseUrl().startsWith("http://");
    this.sendGrid = new SendGrid(conf.apiKey(), new Client(HttpClients.custom().disableAutomaticRetries()
      .setDefaultRequestConfig(timeouts).build(), local));
    if (conf.baseUrl() != null) {
      URI uri = URI.create(conf.baseUrl());
      sendGrid.setHost(uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
    }
    sendGrid.setRateLimitRetry(0);
    this.from = new Email(conf.from(), conf.fromName());
  }

  @Override
  public String send(String messageId, JsonObject payload) {
    Mail mail = new Mail();
    mail.setFrom(from);
    mail.setSubject(payload.getString("subject"));
    Personalization to = new Personalization();
    to.addTo(new Email(payload.getString("to")));
    to.addCustomArg("messageId", messageId);
    mail.addPersonalization(to);
    mail.addContent(new Content("text/plain", payload.getString("text", "")));
    if (payload.getString("html") != null) {
      mail.addContent(new Content("text/html", payload.getString("html")));
    }
    Response response;
    try {
      Request request = new Request();
      request.setMethod(Method.POST);
      request.setEndpoint("mail/send");
      request.setBody(mail.build());
      response = sendGrid.api(request);
    } catch (IOException | RuntimeException e) {
      throw SendFailure.transientFailure("sendgrid-io", "SendGrid unreachable: " + e.getClass().getSimpleName(), e);
    }
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      return response.getHeaders().getOrDefault("X-Message-Id", messageId);
    }
    throw SendFailure.forHttpStatus(status, "SendGrid answered " + status);
  }

  @Override
  public String provider() {
    return "sendgrid";
  }
}
