package cm.reeyo.authz;

import cm.reeyo.authz.Probe.Expect;
import cm.reeyo.authz.World.Slot;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization matrix, driven by the routes each running API documents at {@code /openapi.json} (and the
 * OpenAPI coverage tests keep those documents equal to the mounted routes): every secured route refuses a missing
 * token (401) and every role it is not for (403); every route that takes an id serves its owner and refuses another
 * account of the same role (403 or 404). A new route that takes an id needs a sample id below, or the matrix fails.
 */
final class Matrix {

  /** Routes anyone may call (identity's sign-up and token routes, Campay's callback, the edge's own). */
  static final Set<String> PUBLIC = Set.of("/health", "/ready", "/openapi.json", "/api/v1/auth/register",
    "/api/v1/auth/verify-phone", "/api/v1/auth/resend-otp", "/api/v1/auth/login", "/api/v1/auth/refresh",
    "/api/v1/auth/forgot-password", "/api/v1/auth/reset-password", "/api/v1/payments/campay/webhook");
  /** Id routes over a catalog every customer may browse (and mark as a favourite): another customer is served too. */
  static final Set<String> SHARED = Set.of("user-api GET /api/v1/vendors/{vendorId}", "user-api GET /api/v1/vendors/{vendorId}/menu",
    "user-api GET /api/v1/vendors/{vendorId}/reviews", "user-api PUT /api/v1/favourites/{vendorId}",
    "user-api DELETE /api/v1/favourites/{vendorId}");
  static final List<Role> APIS = List.of(Role.USER, Role.VENDOR, Role.RIDER, Role.ADMIN);

  private static final Logger LOG = LoggerFactory.getLogger(Matrix.class);

  private final Platform p;
  private final World w;
  private final Map<Role, List<Operation>> operations = new HashMap<>();

  private Matrix(Platform p, World w) {
    this.p = p;
    this.w = w;
  }

  /** The matrix over the documents the four running APIs serve. */
  static Future<Matrix> load(Platform p, World w) {
    Matrix m = new Matrix(p, w);
    Future<Void> chain = Future.succeededFuture();
    for (Role api : APIS) {
      chain = chain.compose(v -> p.ok(HttpMethod.GET, api, "/openapi.json", null, null))
        .map(doc -> {
          m.operations.put(api, Operation.of(api, doc));
          return null;
        });
    }
    return chain.map(m);
  }

  List<Operation> operations() {
    return APIS.stream().flatMap(api -> operations.get(api).stream()).toList();
  }

  /** Sample ids per path parameter name, for the routes of one API; all owned by the A accounts. */
  Map<String, String> samples(Role api) {
    Map<String, String> s = new HashMap<>();
    s.put("orderId", w.activeOrderId);
    switch (api) {
      case USER -> s.put("vendorId", w.id(Role.VENDOR, Slot.A));
      case VENDOR -> s.put("itemId", w.spareItemId);
      case ADMIN -> {
        s.put("id", w.id(Role.VENDOR, Slot.A));
        s.put("payoutId", w.payoutId);
        s.put("code", "SAMPLE");
        s.put("riderId", w.id(Role.RIDER, Slot.A));
        s.put("nodeId", "node-sample");
        s.put("ownerId", w.id(Role.VENDOR, Slot.A));
        s.put("kind", "DRIVING_LICENCE");
        s.put("fileId", w.upload(Role.RIDER));
      }
      default -> { }
    }
    if (api == Role.RIDER || api == Role.VENDOR) {
      s.put("uploadId", w.upload(api));
      s.put("fileId", w.upload(api));
    }
    if (api != Role.ADMIN) {
      s.put("notificationId", w.notification(api));
    }
    return s;
  }

  /** Missing token and the other roles' tokens on every secured route of every API; and each declares its security. */
  List<Probe> walls(List<String> problems) {
    List<Probe> probes = new ArrayList<>();
    for (Operation op : operations()) {
      if (PUBLIC.contains(op.path())) {
        continue;
      }
      if (!op.secured()) {
        problems.add(op + " is authenticated but its document declares no bearer security");
      }
      String path = op.concrete(samples(op.api()));
      JsonObject body = op.hasBody() ? SampleBody.of(op.bodySchema()) : null;
      probes.add(new Probe(op, "nobody", null, path, body, Expect.UNAUTHORIZED));
      for (Role other : Role.values()) {
        if (other != op.api()) {
          probes.add(new Probe(op, other + " A", w.token(other, Slot.A), path, body, Expect.FORBIDDEN));
        }
      }
    }
    return probes;
  }

  /**
   * On every customer/vendor/rider route that takes an id: the B account of the API's role (refused, except on the
   * shared catalog), then the A account that owns the ids (served). DELETEs go last so they do not pull a resource
   * from under the other routes.
   */
  List<Probe> ownership() {
    List<Probe> probes = new ArrayList<>();
    List<Operation> idRoutes = operations().stream()
      .filter(op -> op.takesId() && op.api() != Role.ADMIN && !PUBLIC.contains(op.path()))
      .sorted(Comparator.comparing(op -> op.method() == HttpMethod.DELETE))
      .toList();
    for (Operation op : idRoutes) {
      Role role = op.api();
      String path = op.concrete(samples(role));
      JsonObject body = op.hasBody() ? SampleBody.of(op.bodySchema()) : null;
      boolean shared = SHARED.contains(op.toString());
      probes.add(new Probe(op, role + " B", w.token(role, Slot.B), path, body, shared ? Expect.ALLOWED : Expect.DENIED));
      probes.add(new Probe(op, role + " A (owner)", w.token(role, Slot.A), path, body, Expect.ALLOWED));
    }
    return probes;
  }

  /** Runs the probes one after the other; answers a line per probe that got the wrong status. */
  Future<List<String>> run(List<Probe> probes) {
    List<String> failures = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Probe probe : probes) {
      chain = chain.compose(v -> p.call(probe.op().method(), probe.op().api(), probe.path(), probe.token(), probe.body()))
        .map(r -> {
          LOG.debug("{} → {}", probe, r.statusCode());
          if (!probe.expect().accepts(r.statusCode())) {
            String answer = r.bodyAsString() == null ? "" : r.bodyAsString();
            failures.add(probe + ": expected " + probe.expect().label() + ", got " + r.statusCode() + " "
              + answer.substring(0, Math.min(200, answer.length())));
          } else if (probe.expect() != Expect.ALLOWED && !hasErrorShape(r.bodyAsString())) {
            failures.add(probe + ": refusal not in the error shape: " + r.bodyAsString());
          }
          return null;
        });
    }
    return chain.map(failures);
  }

  private static boolean hasErrorShape(String body) {
    try {
      return new JsonObject(body).getJsonObject("error").getString("code") != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
