package cm.reeyo.authz;

import cm.reeyo.authz.World.Slot;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
@DisplayName("Malformed input on every documented route answers 4xx in the error shape")
class MalformedInputTest {

  private static final Logger LOG = LoggerFactory.getLogger(MalformedInputTest.class);
  /** Registration and login limits out of the way: every probe must reach the body check. */
  private static final JsonObject NO_AUTH_LIMITS = new JsonObject().put("rateLimits", new JsonObject()
    .put("register", limit()).put("login", limit()).put("otp", limit()).put("otpIp", limit()).put("otpVerify", limit())
    .put("passwordReset", limit()).put("passwordResetContact", limit()));
  /** Campay's callback is refused on its signature before its body is read; nothing unsigned is stored. */
  private static final String SIGNED_WEBHOOK = "/api/v1/payments/campay/webhook";

  static Platform p;
  static World w;
  static Matrix matrix;

  @BeforeAll
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, NO_AUTH_LIMITS)
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
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Every list route with a cursor parameter: the first page is served, each bad cursor → 400 VALIDATION_FAILED")
  void badCursors(VertxTestContext ctx) {
    List<Operation> lists = matrix.operations().stream()
      .filter(op -> op.method() == HttpMethod.GET && op.queryParams().contains("cursor")).toList();
    List<String> corpus = corpus();
    List<String> failures = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Operation op : lists) {
      String path = op.concrete(matrix.samples(op.api())) + requiredQuery(op);
      String separator = path.contains("?") ? "&" : "?";
      String token = w.token(op.api(), Slot.A);
      chain = chain.compose(v -> p.call(HttpMethod.GET, op.api(), path, token, null)).map(r -> {
        if (r.statusCode() != 200) {
          failures.add(op + " without a cursor: " + r.statusCode() + " " + r.bodyAsString());
        }
        return null;
      });
      for (String cursor : corpus) {
        String withCursor = path + separator + "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        chain = chain.compose(v -> p.call(HttpMethod.GET, op.api(), withCursor, token, null)).map(r -> {
          if (r.statusCode() != 400 || !"VALIDATION_FAILED".equals(code(r))) {
            failures.add(op + " cursor " + cursor.substring(0, Math.min(40, cursor.length())) + ": " + r.statusCode() + " "
              + r.bodyAsString());
          }
          return null;
        });
      }
    }
    chain.onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      LOG.info("bad cursors: {} list routes × {} cursors", lists.size(), corpus.size());
      assertThat(lists).as("list routes with a cursor in the four documents").hasSizeGreaterThanOrEqualTo(10);
      assertThat(lists.stream().map(Operation::toString)).contains("user-api GET /api/v1/orders",
        "user-api GET /api/v1/wallet/transactions", "vendor-api GET /api/v1/orders", "rider-api GET /api/v1/orders",
        "admin-api GET /api/v1/orders", "admin-api GET /api/v1/audit", "admin-api GET /api/v1/vendors");
      assertThat(failures).as("bad cursors not refused with 400").isEmpty();
      ctx.completeNow();
    })));
  }

  /** Samples of the query parameters a list route requires (nearby vendors: a point in Douala). */
  private static final Map<String, String> QUERY_SAMPLES = Map.of("lat", "4.0511", "lng", "9.7679", "q", "ndole");

  private static String requiredQuery(Operation op) {
    List<String> pairs = new ArrayList<>();
    for (String name : op.requiredQueryParams()) {
      String value = QUERY_SAMPLES.get(name);
      if (value == null) {
        throw new AssertionError(op + ": no sample for the required query parameter " + name + "; add one to QUERY_SAMPLES");
      }
      pairs.add(name + "=" + value);
    }
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A URL over 8 KB → 414 URI_TOO_LONG in the error shape on every API; a 7 KB URL is still served")
  void longUrls(VertxTestContext ctx) {
    List<String> failures = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Role api : Matrix.APIS) {
      chain = chain.compose(v -> p.call(HttpMethod.GET, api, "/api/v1/orders?pad=" + "x".repeat(9_000), null, null))
        .compose(r -> {
          if (r.statusCode() != 414 || !"URI_TOO_LONG".equals(code(r))) {
            failures.add(api + " 9 KB URL: " + r.statusCode() + " " + r.bodyAsString());
          }
          return p.call(HttpMethod.GET, api, "/health?pad=" + "x".repeat(7_000), null, null);
        })
        .map(r -> {
          if (r.statusCode() != 200) {
            failures.add(api + " 7 KB URL: " + r.statusCode());
          }
          return null;
        });
    }
    chain.onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(failures).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Every string field of every documented body: a NUL, a control character or a lone surrogate → 400 naming it")
  void unsafeText(VertxTestContext ctx) {
    List<String> bad = List.of("Ali\u0000ce", "Ali\u0007ce", "Ali\uD800ce", "Alice\uDC00");
    List<String> failures = new ArrayList<>();
    int[] probes = {0};
    Future<Void> chain = Future.succeededFuture();
    for (Operation op : matrix.operations()) {
      if (!op.hasBody() || op.bodySchema() == null || SIGNED_WEBHOOK.equals(op.path())) {
        continue;
      }
      String path = op.concrete(matrix.samples(op.api()));
      String token = w.token(op.api(), Slot.A);
      JsonObject properties = op.bodySchema().getJsonObject("properties", new JsonObject());
      for (String field : properties.fieldNames()) {
        if (!"string".equals(properties.getJsonObject(field).getString("type"))) {
          continue;
        }
        String text = bad.get(probes[0]++ % bad.size());
        JsonObject body = SampleBody.of(op.bodySchema()).put(field, text);
        chain = chain.compose(v -> p.call(op.method(), op.api(), path, token, body)).map(r -> {
          if (r.statusCode() != 400 || !field.equals(detailField(r))) {
            failures.add(op + " " + field + "=" + text.codePoints().mapToObj(Integer::toHexString).toList() + ": "
              + r.statusCode() + " " + r.bodyAsString());
          }
          return null;
        });
      }
    }
    chain.onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      LOG.info("unsafe text: {} string fields probed", probes[0]);
      assertThat(probes[0]).as("string fields found in the documents").isGreaterThanOrEqualTo(30);
      assertThat(failures).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A customer's name with a NUL or a lone surrogate is refused and the stored profile is unchanged; a clean one is saved")
  void nameNotStored(VertxTestContext ctx) {
    String token = w.token(Role.USER, Slot.A);
    List<Object> seen = new ArrayList<>();
    p.ok(HttpMethod.GET, Role.USER, "/api/v1/me", token, null)
      .compose(before -> {
        seen.add(before);
        return p.call(HttpMethod.PATCH, Role.USER, "/api/v1/me", token, new JsonObject().put("firstName", "Eve\u0000"));
      })
      .compose(nul -> {
        seen.add(nul.statusCode());
        return p.call(HttpMethod.PATCH, Role.USER, "/api/v1/me", token, new JsonObject().put("lastName", "\uDFFFx"));
      })
      .compose(lone -> {
        seen.add(lone.statusCode());
        return p.ok(HttpMethod.GET, Role.USER, "/api/v1/me", token, null);
      })
      .compose(after -> {
        seen.add(after);
        return p.call(HttpMethod.PATCH, Role.USER, "/api/v1/me", token, new JsonObject().put("firstName", "Amina \uD83D\uDE00"));
      })
      .onComplete(ctx.succeeding(clean -> ctx.verify(() -> {
        assertThat(seen.get(1)).as("NUL in firstName").isEqualTo(400);
        assertThat(seen.get(2)).as("lone surrogate in lastName").isEqualTo(400);
        assertThat(seen.get(3)).as("profile after the refusals").isEqualTo(seen.get(0));
        assertThat(clean.statusCode()).as("a clean name with an emoji").isEqualTo(200);
        ctx.completeNow();
      })));
  }

  /** Bad cursors: garbage, wrong JSON, wrong keys, another user's and another list's, truncated, over-long. */
  private static List<String> corpus() {
    String otherUser = Cursors.encode(Map.of("orderId", Items.s("ord_x"), "userId", Items.s(w.id(Role.USER, Slot.B)),
      "createdAt", Items.s("2026-01-01T00:00:00Z")));
    String otherList = Cursors.encode(Map.of("transactionId", Items.s("txn_x"), "walletId",
      Items.s("wallet_" + w.id(Role.USER, Slot.B)), "createdAt", Items.s("2026-01-01T00:00:00Z")));
    String audit = Cursors.encode(Map.of("auditId", Items.s("aud_x"), "day", Items.s("2020-01-01"),
      "createdAt", Items.s("2019-01-01T00:00:00Z")));
    return List.of("%%%", "not a cursor", "eyJ4IjoxfQ==", b64("[1,2,3]"), b64("{\"orderId\":\"ord_x\"}"),
      b64("{\"orderId\":{\"S\":\"x\"},\"userId\":1,\"createdAt\":null}"), otherUser, otherList, audit,
      otherUser.substring(0, otherUser.length() / 2), otherUser.substring(0, otherUser.length() - 3),
      "eyJ4Ijox" + "A".repeat(4_000));
  }

  private static JsonObject limit() {
    return new JsonObject().put("limit", 100_000).put("windowSeconds", 1);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String code(HttpResponse<Buffer> r) {
    try {
      return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String detailField(HttpResponse<Buffer> r) {
    try {
      return r.bodyAsJsonObject().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
