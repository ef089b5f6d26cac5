package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

import java.util.Set;

/**
 * The apps' HTTP calls to the four APIs, each timed under a step name. An answer whose status the caller did not
 * list is a failure: counted in {@link Stats} by step and error code, then failed as a {@link Failed}.
 */
final class Http {

  enum Api { USER, VENDOR, RIDER, ADMIN }

  /** A step already counted as failed. */
  static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  record Reply(int status, JsonObject body) {
    boolean ok() {
      return status / 100 == 2;
    }

    String code() {
      JsonObject error = body == null ? null : body.getJsonObject("error");
      return error == null ? String.valueOf(status) : status + " " + error.getString("code");
    }
  }

  private final Vertx vertx;
  private final WebClient web;
  private final SimOptions.Endpoints endpoints;
  private final Stats stats;

  Http(Vertx vertx, SimOptions.Endpoints endpoints, Stats stats) {
    this.vertx = vertx;
    this.endpoints = endpoints;
    this.stats = stats;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(endpoints.host())
      .setConnectTimeout(5_000).setIdleTimeout(30).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
  }

  /** Any 2xx is success. */
  Future<JsonObject> ok(Session who, Api api, HttpMethod method, String path, JsonObject body, String step) {
    return call(who, api, method, path, body, step, Set.of()).map(Reply::body);
  }

  /** PUTs {@code bytes} to a presigned URL with the upload ticket's signed headers; answers the status. */
  Future<Integer> putPresigned(JsonObject ticket, byte[] bytes, String step) {
    HttpRequest<Buffer> request = web.putAbs(ticket.getString("url")).timeout(30_000);
    ticket.getJsonObject("headers", new JsonObject()).forEach(h -> {
      if (!"content-length".equalsIgnoreCase(h.getKey())) {
        request.putHeader(h.getKey(), String.valueOf(h.getValue()));
      }
    });
    long started = System.nanoTime();
    return request.sendBuffer(Buffer.buffer(bytes)).transform(ar -> {
      stats.latency(step, (System.nanoTime() - started) / 1_000_000);
      if (ar.failed() || ar.result().statusCode() != 200) {
        String why = ar.failed() ? "transport " + ar.cause().getClass().getSimpleName() : "HTTP " + ar.result().statusCode();
        stats.error(step, why);
        return Future.failedFuture(new Failed(step + ": " + why));
      }
      return Future.succeededFuture(200);
    });
  }

  /** A 2xx or one of {@code accepted} answers; anything else is counted and failed. */
  Future<Reply> call(Session who, Api api, HttpMethod method, String path, JsonObject body, String step,
                     Set<Integer> accepted) {
    return call(who, api, method, path, body, step, accepted, null);
  }

  /** As above, with an {@code Idempotency-Key} header when {@code idempotencyKey} is given. */
  Future<Reply> call(Session who, Api api, HttpMethod method, String path, JsonObject body, String step,
                     Set<Integer> accepted, String idempotencyKey) {
    long now = System.currentTimeMillis();
    Future<Void> ready = who != null && who.stale(now) ? renew(who, api) : Future.succeededFuture();
    return ready.compose(v -> send(who, api, method, path, body, step, accepted, idempotencyKey));
  }

  private Future<Reply> send(Session who, Api api, HttpMethod method, String path, JsonObject body, String step,
                             Set<Integer> accepted) {
    return send(who, api, method, path, body, step, accepted, null);
  }

  private Future<Reply> send(Session who, Api api, HttpMethod method, String path, JsonObject body, String step,
                             Set<Integer> accepted, String idempotencyKey) {
    HttpRequest<Buffer> request = web.request(method, port(api), endpoints.host(), path).timeout(30_000);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    if (who != null) {
      request.putHeader("X-Forwarded-For", who.ip);
      if (who.token != null) {
        request.putHeader("Authorization", "Bearer " + who.token);
      }
    }
    long started = System.nanoTime();
    Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.transform(ar -> {
      stats.latency(step, (System.nanoTime() - started) / 1_000_000);
      if (ar.failed()) {
        stats.error(step, "transport " + ar.cause().getClass().getSimpleName());
        return Future.failedFuture(new Failed(step + ": " + ar.cause().getMessage()));
      }
      Reply reply = new Reply(ar.result().statusCode(), json(ar.result().bodyAsString()));
      if (reply.ok() || accepted.contains(reply.status())) {
        return Future.succeededFuture(reply);
      }
      stats.error(step, reply.code());
      return Future.failedFuture(new Failed(step + " answered " + reply.status() + " " + ar.result().bodyAsString()));
    });
  }

  /**
   * Renews the session's access token when it expires within {@code marginMs}, or always when {@code force} (a socket
   * the bridge refused): what an app does before it reconnects its socket.
   */
  Future<Void> freshen(Session who, long marginMs, boolean force) {
    return force || who.expiring(System.currentTimeMillis(), marginMs) ? renew(who, who.api()) : Future.succeededFuture();
  }

  private Future<Void> renew(Session who, Api api) {
    if (who.renewing == null) {
      who.renewing = send(new Session(who.kind, who.ip), api, HttpMethod.POST, "/api/v1/auth/refresh",
          new JsonObject().put("refreshToken", who.refreshToken), "auth.refresh", Set.of())
        .map(r -> {
          who.loggedIn(who.id, r.body().getString("token"), r.body().getString("refreshToken"), System.currentTimeMillis());
          return (Void) null;
        })
        .andThen(ar -> who.renewing = null);
    }
    return who.renewing;
  }

  private int port(Api api) {
    return switch (api) {
      case USER -> endpoints.user();
      case VENDOR -> endpoints.vendor();
      case RIDER -> endpoints.rider();
      case ADMIN -> endpoints.admin();
    };
  }

  private static JsonObject json(String text) {
    if (text == null || text.isBlank() || !text.startsWith("{")) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  Stats stats() {
    return stats;
  }

  Vertx vertx() {
    return vertx;
  }

  void close() {
    web.close();
  }
}
