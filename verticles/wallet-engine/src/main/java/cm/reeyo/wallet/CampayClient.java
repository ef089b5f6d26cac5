package cm.reeyo.wallet;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Clock;
import java.time.Instant;

/**
 * Campay's REST API over the Vert.x web client: {@code POST /token/} (cached until shortly before it expires, sent
 * as {@code Authorization: Token}), {@code POST /collect/}, {@code GET /transaction/{reference}/},
 * {@code POST /withdraw/}. Calls time out and pass through a circuit breaker; a 4xx answer fails with
 * {@link Rejected} (definite: Campay refused), anything else with an ambiguous failure.
 */
public final class CampayClient {

  private final WebClient web;
  private final CampayConfig config;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private String token;
  private Instant tokenExpires = Instant.EPOCH;
  private Future<String> pendingToken;

  /** Campay answered 4xx: the request was refused and nothing happened. */
  public static final class Rejected extends RuntimeException {
    private final int status;

    Rejected(int status, String body) {
      super("Campay refused the request (" + status + "): " + body, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public CampayClient(Vertx vertx, CampayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) config.timeoutMs())
      .setIdleTimeout(30).setKeepAlive(true));
    this.breaker = CircuitBreaker.create("campay", vertx, new CircuitBreakerOptions()
      .setMaxFailures(config.breakerMaxFailures())
      .setTimeout(config.timeoutMs() + 500)
      .setResetTimeout(config.breakerResetMs()));
  }

  /** Starts a mobile-money collection: answers {@code {reference, ussd_code, operator}}. */
  public Future<JsonObject> collect(long amount, String phone, String description, String externalReference) {
    return authorized(() -> web.postAbs(config.baseUrl() + "/collect/"), new JsonObject()
      .put("amount", String.valueOf(amount)).put("currency", "XAF").put("from", msisdn(phone))
      .put("description", description).put("external_reference", externalReference));
  }

  /** A transaction's state: {@code {reference, status: PENDING|SUCCESSFUL|FAILED, amount, ...}}. */
  public Future<JsonObject> transaction(String reference) {
    return authorized(() -> web.getAbs(config.baseUrl() + "/transaction/" + reference + "/"), null);
  }

  /** Sends money out to a mobile-money number: answers {@code {reference, status?}}. */
  public Future<JsonObject> withdraw(long amount, String phone, String description, String externalReference) {
    return authorized(() -> web.postAbs(config.baseUrl() + "/withdraw/"), new JsonObject()
      .put("amount", String.valueOf(amount)).put("currency", "XAF").put("to", msisdn(phone))
      .put("description", description).put("external_reference", externalReference));
  }

  public void close() {
    breaker.close();
    web.close();
  }

  private Future<JsonObject> authorized(java.util.function.Supplier<HttpRequest<Buffer>> request, JsonObject body) {
    return token().compose(t -> send(request.get().putHeader("Authorization", "Token " + t), body))
      .recover(failure -> {
        if (failure instanceof Rejected r && r.status() == 401) {
          token = null;
          return token().compose(t -> send(request.get().putHeader("Authorization", "Token " + t), body));
        }
        return Future.failedFuture(failure);
      });
  }

  private Future<String> token() {
    if (token != null && clock.instant().isBefore(tokenExpires)) {
      return Future.succeededFuture(token);
    }
    if (pendingToken == null) {
      pendingToken = send(web.postAbs(config.baseUrl() + "/token/"), new JsonObject()
          .put("username", config.username()).put("password", config.password()))
        .map(answer -> {
          token = answer.getString("token");
          long ttl = Long.parseLong(String.valueOf(answer.getValue("expires_in", "3600")));
          tokenExpires = clock.instant().plusSeconds(Math.max(0, ttl - 60));
          return token;
        })
        .andThen(r -> pendingToken = null);
    }
    return pendingToken;
  }

  private Future<JsonObject> send(HttpRequest<Buffer> request, JsonObject body) {
    request.timeout(config.timeoutMs()).putHeader("Content-Type", "application/json");
    Future<HttpResponse<Buffer>> answered = breaker.execute(() -> {
      Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
      return sent.compose(r -> r.statusCode() >= 500
        ? Future.failedFuture(new IllegalStateException("Campay answered " + r.statusCode())) : Future.succeededFuture(r));
    });
    return answered.compose(r -> {
      if (r.statusCode() >= 400) {
        return Future.failedFuture(new Rejected(r.statusCode(), truncate(r.bodyAsString())));
      }
      try {
        return Future.succeededFuture(r.bodyAsJsonObject() == null ? new JsonObject() : r.bodyAsJsonObject());
      } catch (RuntimeException e) {
        return Future.failedFuture(new IllegalStateException("Campay answered something that is not JSON"));
      }
    });
  }

  /** {@code +237 6 70 00 00 01} → {@code 237670000001}, the form Campay expects. */
  static String msisdn(String phone) {
    return phone == null ? null : phone.replaceAll("[^0-9]", "");
  }

  private static String truncate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
