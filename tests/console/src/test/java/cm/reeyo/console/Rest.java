package cm.reeyo.console;

import cm.reeyo.edge.JwtCodec;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Blocking calls to the node's HTTP APIs from the test thread (the browser test is blocking anyway). */
final class Rest {

  private final Map<String, Integer> ports;
  private final JwtCodec jwt;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Rest(Map<String, Integer> ports, JwtCodec jwt) {
    this.ports = ports;
    this.jwt = jwt;
  }

  static String randomPhone() {
    return "+2376" + (10_000_000 + ThreadLocalRandom.current().nextLong(89_999_999));
  }

  String token(String id, String role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role).put("typ", "access"), 900);
  }

  HttpResponse<String> call(String method, String api, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(api) + path))
      .timeout(Duration.ofSeconds(30))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The call's JSON answer; fails the test unless the status is {@code status}. */
  JsonObject expect(int status, String method, String api, String path, String token, JsonObject body) throws Exception {
    HttpResponse<String> response = call(method, api, path, token, body);
    if (response.statusCode() != status) {
      throw new AssertionError(method + " " + api + path + ": expected " + status + ", got " + response.statusCode()
        + " " + response.body());
    }
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }
}
