package cm.reeyo.apitest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking calls for tests that run off the event loop, with an optional bearer token, and status assertions. */
public final class HttpCalls {

  private final WebClient client;

  public HttpCalls(WebClient client) {
    this.client = client;
  }

  public HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return auth(client.post(path), token).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return auth(client.get(path), token).send().await();
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return auth(client.patch(path), token).sendJsonObject(body).await();
  }

  private static HttpRequest<Buffer> auth(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.putHeader("Authorization", "Bearer " + token);
  }

  /** The answer has {@code status} and, when {@code code} is given, that error code in the API's error shape. */
  public static void assertStatus(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (code != null) {
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
    }
  }
}
