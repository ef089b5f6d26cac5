package cm.reeyo.notifier.provider;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;

/**
 * twilio-java's HTTP client with bounded timeouts and no retries of its own, neither Twilio's nor httpclient5's
 * (which would retry a 503 or 429 once after a second): the outbox retries, with backoff.
 * Twilio has no base-URL setting: with a {@code baseUrl} (a local fake) every request is rebuilt on that host,
 * keeping path, parameters, headers, body and authentication.
 */
final class TwilioHttpClient extends NetworkHttpClient {

  private final String baseUrl;

  TwilioHttpClient(String baseUrl) {
    super(HttpClientBuilder.create()
      .disableAutomaticRetries()
      .setDefaultRequestConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(Timeout.ofSeconds(5))
        .setResponseTimeout(Timeout.ofSeconds(15))
        .build())
      .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(15)).setSoKeepAlive(true).build())
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build())
        .setMaxConnTotal(32).setMaxConnPerRoute(32)
        .build()));
    this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(baseUrl == null ? request : rehost(request));
  }

  @Override
  protected boolean shouldRetry(Response response, int[] retryCodes) {
    return false;
  }

  private Request rehost(Request original) {
    URI uri = URI.create(original.getUrl());
    Request local = new Request(original.getMethod(), baseUrl + uri.getRawPath());
    if (original.getAuthStrategy() != null) {
      local.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      local.setAuth(original.getUsername(), original.getPassword());
    }
    original.getQueryParams().forEach((k, values) -> values.forEach(v -> local.addQueryParam(k, v)));
    original.getPostParams().forEach((k, values) -> values.forEach(v -> local.addPostParam(k, v)));
    original.getHeaderParams().forEach((k, values) -> values.forEach(v -> local.addHeaderParam(k, v)));
    if (original.getContentType() != null) {
      local.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      local.setBody(original.getBody());
    }
    return local;
  }
}
