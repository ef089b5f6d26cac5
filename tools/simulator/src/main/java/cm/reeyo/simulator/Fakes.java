package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third parties' side of the city, through the fakes' (WireMock) admin API as dev and the tests use it: reads the
 * SMS Twilio was asked to send (the OTP a phone receives), finds the collection Campay was asked for an order, tells
 * Campay's status endpoint a payment succeeded, and signs the webhook Campay sends (HS256 with the webhook key).
 */
final class Fakes {

  static final String DEV_WEBHOOK_KEY = "dev-campay-webhook-key";
  private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

  private final Vertx vertx;
  private final WebClient web;
  private final String base;
  private final JWTAuth signer;

  Fakes(Vertx vertx, String baseUrl, String webhookKey) {
    this.vertx = vertx;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.web = WebClient.create(vertx);
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(webhookKey)));
    if (URI.create(base).getHost() == null) {
      throw new IllegalArgumentException("--fakes must be a URL");
    }
  }

  /** The last 6-digit code texted to {@code phone}, waiting for the notifier to send it (up to a minute). */
  Future<String> otp(String phone) {
    String to = "To=" + phone.replace("+", "%2B");
    JsonObject find = new JsonObject().put("method", "POST").put("urlPathPattern", "/2010-04-01/Accounts/.+/Messages.json")
      .put("bodyPatterns", new JsonArray().add(new JsonObject().put("contains", to)));
    return retry(() -> findRequests(find).map(requests -> {
      for (int i = requests.size() - 1; i >= 0; i--) {
        String body = URLDecoder.decode(requests.getJsonObject(i).getString("body", ""), StandardCharsets.UTF_8);
        Matcher m = SIX_DIGITS.matcher(body.substring(Math.max(0, body.indexOf("Body="))));
        if (m.find()) {
          return m.group(1);
        }
      }
      return null;
    }), 120, 500, "the OTP texted to a simulated phone");
  }

  /** The collection request Campay received whose body names {@code text} (an order id): {@code amount, external_reference, ...}. */
  Future<JsonObject> collection(String text) {
    JsonObject find = new JsonObject().put("method", "POST").put("urlPathPattern", "(/api)?/collect/")
      .put("bodyPatterns", new JsonArray().add(new JsonObject().put("contains", text)));
    return retry(() -> findRequests(find).map(requests -> requests.isEmpty() ? null
      : new JsonObject(requests.getJsonObject(requests.size() - 1).getString("body"))), 50, 200, "Campay's collection for " + text);
  }

  /**
   * Campay confirms a payment: its status endpoint answers SUCCESSFUL for {@code reference} (a stub added for this
   * payment), then its signed webhook is what the caller posts. The stub is removed by {@link #forget}.
   */
  Future<String> succeed(String reference, String externalReference, long amount) {
    JsonObject stub = new JsonObject()
      .put("request", new JsonObject().put("method", "GET").put("urlPathPattern", "(/api)?/transaction/" + reference + "/"))
      .put("response", new JsonObject().put("status", 200).put("jsonBody", new JsonObject().put("reference", reference)
        .put("status", "SUCCESSFUL").put("amount", amount).put("currency", "XAF").put("external_reference", externalReference)))
      .put("priority", 1);
    return web.postAbs(base + "/__admin/mappings").sendJsonObject(stub).compose(r -> r.statusCode() < 300
      ? Future.succeededFuture(r.bodyAsJsonObject().getString("id"))
      : Future.failedFuture("the Campay fake refused a stub: " + r.statusCode()));
  }

  Future<Void> forget(String stubId) {
    return web.deleteAbs(base + "/__admin/mappings/" + stubId).send().mapEmpty();
  }

  /** The webhook Campay sends for a payment, signed with the webhook key. */
  JsonObject webhook(String reference, String externalReference, long amount, String status) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("reference", reference).put("external_reference", externalReference)
      .put("iat", now).put("exp", now + 300);
    return new JsonObject().put("status", status).put("reference", reference).put("amount", String.valueOf(amount))
      .put("currency", "XAF").put("operator", "MTN").put("code", "CP" + Math.abs(reference.hashCode()))
      .put("operator_reference", "MP" + Math.abs(reference.hashCode())).put("external_reference", externalReference)
      .put("signature", signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true)));
  }

  private Future<JsonArray> findRequests(JsonObject pattern) {
    return web.postAbs(base + "/__admin/requests/find").sendJsonObject(pattern).compose(r -> r.statusCode() == 200
      ? Future.succeededFuture(r.bodyAsJsonObject().getJsonArray("requests", new JsonArray()))
      : Future.failedFuture("the fakes' request journal answered " + r.statusCode()));
  }

  private <T> Future<T> retry(java.util.function.Supplier<Future<T>> attempt, int tries, long everyMs, String what) {
    Promise<T> promise = Promise.promise();
    poll(attempt, tries, everyMs, what, promise);
    return promise.future();
  }

  private <T> void poll(java.util.function.Supplier<Future<T>> attempt, int left, long everyMs, String what, Promise<T> promise) {
    attempt.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        promise.complete(ar.result());
      } else if (left <= 1) {
        promise.fail("gave up waiting for " + what + (ar.failed() ? ": " + ar.cause().getMessage() : ""));
      } else {
        vertx.setTimer(everyMs, t -> poll(attempt, left - 1, everyMs, what, promise));
      }
    });
  }

  void close() {
    web.close();
  }
}
