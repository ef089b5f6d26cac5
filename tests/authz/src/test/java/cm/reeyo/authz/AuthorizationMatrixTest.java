package cm.reeyo.authz;

import cm.reeyo.authz.World.Slot;
import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Authorization matrix over every documented route of the four APIs")
class AuthorizationMatrixTest {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationMatrixTest.class);

  /** Fields no caller may set on its own record, with the values an attacker would like. */
  static final JsonObject PROTECTED = new JsonObject().put("role", "ADMIN").put("status", "ACTIVE").put("balance", 1_000_000)
    .put("approvalStatus", "APPROVED").put("rating", 5).put("userId", "user_mallory").put("vendorId", "vendor_mallory")
    .put("riderId", "rider_mallory").put("adminId", "admin_mallory").put("isPhoneVerified", true)
    .put("passwordHash", "$2a$12$x").put("tokensValidAfter", 0).put("totalOrders", 999).put("ratingCount", 1);

  static Platform p;
  static World w;
  static Matrix matrix;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx)
      .compose(World::build)
      .compose(world -> {
        p = world.p;
        w = world;
        return Matrix.load(p, w);
      })
      .onComplete(ctx.succeeding(m -> {
        matrix = m;
        ctx.completeNow();
      }));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Every secured route: no token → 401, a token of any other role → 403 (admin routes: every non-admin → 403)")
  void roleWalls(VertxTestContext ctx) {
    List<String> problems = new ArrayList<>();
    List<Probe> probes = matrix.walls(problems);
    ctx.verify(() -> {
      assertThat(matrix.operations().stream().filter(op -> op.api() == Role.ADMIN && !Matrix.PUBLIC.contains(op.path())))
        .as("admin routes found in the admin API's document").hasSizeGreaterThanOrEqualTo(20);
      assertThat(problems).as("document problems").isEmpty();
    });
    matrix.run(probes).onComplete(ctx.succeeding(failures -> ctx.verify(() -> {
      LOG.info("role walls: {} routes × (no token + 3 other roles) = {} calls", probes.size() / 4, probes.size());
      assertThat(failures).as("refusals that did not happen").isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Every route taking an id: the owner is served, another account of the same role gets 403 or 404")
  void ownership(VertxTestContext ctx) {
    List<Probe> probes = matrix.ownership();
    ctx.verify(() -> {
      for (Role api : List.of(Role.USER, Role.VENDOR, Role.RIDER)) {
        assertThat(probes.stream().filter(pr -> pr.op().api() == api && pr.caller().endsWith("B")))
          .as("id routes of the %s API", api).hasSizeGreaterThanOrEqualTo(2);
      }
    });
    matrix.run(probes).onComplete(ctx.succeeding(failures -> ctx.verify(() -> {
      LOG.info("ownership: {} id routes, {} calls", probes.stream().map(Probe::op).distinct().count(), probes.size());
      assertThat(failures).as("wrong answers to owners and intruders").isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Mass assignment: PATCH /api/v1/me (every API) and the vendor's PATCH /api/v1/profile refuse protected fields with 400, changing nothing")
  void massAssignment(VertxTestContext ctx) {
    Map<Role, String> safeField = Map.of(Role.USER, "firstName", Role.VENDOR, "ownerName", Role.RIDER, "firstName",
      Role.ADMIN, "name");
    List<String> failures = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Role api : Matrix.APIS) {
      chain = chain.compose(v -> refused(api, "/api/v1/me", safeField.get(api), failures));
    }
    chain.compose(v -> refused(Role.VENDOR, "/api/v1/profile", "description", failures))
      .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
        assertThat(failures).as("protected fields accepted or records changed").isEmpty();
        ctx.completeNow();
      })));
  }

  /**
   * Each protected field, sent beside a field the A account may change, makes the whole PATCH a 400; the record read
   * back afterwards is exactly the record read before.
   */
  private static Future<Void> refused(Role api, String path, String safe, List<String> failures) {
    String token = w.token(api, Slot.A);
    return p.ok(HttpMethod.GET, api, path, token, null).compose(before -> {
      Future<Void> chain = Future.succeededFuture();
      for (String field : PROTECTED.fieldNames()) {
        JsonObject body = new JsonObject().put(safe, "Mallory").put(field, PROTECTED.getValue(field));
        chain = chain.compose(v -> p.call(HttpMethod.PATCH, api, path, token, body)).map(r -> {
          if (r.statusCode() != 400 || !"VALIDATION_FAILED".equals(r.bodyAsJsonObject().getJsonObject("error").getString("code"))) {
            failures.add("PATCH " + path + " on the " + api + " API with " + field + ": " + r.statusCode() + " " + r.bodyAsString());
          }
          return null;
        });
      }
      return chain.compose(v -> p.ok(HttpMethod.GET, api, path, token, null)).map(after -> {
        if (!after.equals(before)) {
          failures.add(path + " on the " + api + " API changed from " + before.encode() + " to " + after.encode());
        }
        return null;
      });
    });
  }
}
