package cm.reeyo.adminapi;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apitest.ApiUnderTest;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.storage.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/stats} against stand-in engines: composition, the shared cache, admins only, documented. */
@ExtendWith(VertxExtension.class)
@DisplayName("Admin API: dashboard stats")
class StatsRoutesTest {

  final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
  final String today = LocalDate.now(ZoneOffset.UTC).toString();
  JsonObject config;
  WebClient http;
  int port;
  String adminToken;
  String vendorToken;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    vertx.eventBus().<JsonObject>consumer(OrderAddresses.STATS, m -> {
      received.add(m);
      m.reply(new JsonObject().put("date", m.body().getString("day")).put("ordersTotal", 3)
        .put("ordersToday", new JsonObject().put("PENDING", 1).put("DELIVERED", 2)).put("deliveredCount", 2)
        .put("averageDeliveryMinutes", 31.5).put("ridersOnline", 4));
    });
    vertx.eventBus().<JsonObject>consumer(WalletAddresses.STATS, m -> {
      received.add(m);
      m.reply(new JsonObject().put("date", m.body().getString("day")).put("revenueToday", 4_500).put("escrowHeld", 12_000)
        .put("pendingPayouts", new JsonObject().put("count", 1).put("amount", 5_000)));
    });
    ApiUnderTest api = await(ApiUnderTest.deploy(vertx, ApiUnderTest.config(), AdminApiVerticle::new)
      .compose(a -> a.withApproved(AccountKind.ADMIN, "admin_1"))
      .compose(a -> a.withApproved(AccountKind.VENDOR, "vendor_1")));
    port = api.port;
    config = api.config;
    await(RedisStore.acquire(vertx, config).api().del(List.of(StatsRoutes.CACHE_KEY_PREFIX + today)));
    RedisStore.release(vertx);
    http = WebClient.create(vertx);
    adminToken = api.token("admin_1", Role.ADMIN);
    vendorToken = api.token("vendor_1", Role.VENDOR);
  }

  @Test
  @DisplayName("composes both engines' figures for today, asking them as the admin")
  void composes() throws Exception {
    HttpResponse<Buffer> r = get(adminToken);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject stats = r.bodyAsJsonObject();
    assertThat(stats.getString("date")).isEqualTo(today);
    assertThat(stats.getJsonObject("orders")).isEqualTo(new JsonObject().put("total", 3)
      .put("byStatus", new JsonObject().put("PENDING", 1).put("DELIVERED", 2)));
    assertThat(stats.getLong("revenueToday")).isEqualTo(4_500);
    assertThat(stats.getLong("escrowHeld")).isEqualTo(12_000);
    assertThat(stats.getLong("ridersOnline")).isEqualTo(4);
    assertThat(stats.getDouble("averageDeliveryMinutes")).isEqualTo(31.5);
    assertThat(stats.getJsonObject("pendingPayouts")).isEqualTo(new JsonObject().put("count", 1).put("amount", 5_000));
    assertThat(received).hasSize(2).allSatisfy(m -> {
      assertThat(PrincipalHeaders.read(m.headers()).orElseThrow().id()).isEqualTo("admin_1");
      assertThat(PrincipalHeaders.read(m.headers()).orElseThrow().role().name()).isEqualTo("ADMIN");
      assertThat(m.body().getString("day")).isEqualTo(today);
    });
  }

  @Test
  @DisplayName("a second call within the cache window is served from Redis without asking the engines again")
  void cached(Vertx vertx) throws Exception {
    JsonObject first = get(adminToken).bodyAsJsonObject();
    JsonObject second = get(adminToken).bodyAsJsonObject();
    assertThat(second).isEqualTo(first);
    assertThat(received).hasSize(2);
    await(RedisStore.acquire(vertx, config).api().del(List.of(StatsRoutes.CACHE_KEY_PREFIX + today)));
    RedisStore.release(vertx);
    assertThat(get(adminToken).statusCode()).isEqualTo(200);
    assertThat(received).as("asked again once the entry is gone").hasSize(4);
  }

  @Test
  @DisplayName("a vendor gets 403 and no token 401, and neither reaches an engine")
  void adminsOnly() throws Exception {
    assertThat(get(vendorToken).statusCode()).isEqualTo(403);
    assertThat(get(null).statusCode()).isEqualTo(401);
    assertThat(received).isEmpty();
  }

  @Test
  @DisplayName("the route is in the admin API's OpenAPI document")
  void documented(Vertx vertx) throws Exception {
    ApiFoundation foundation = ApiFoundation.create(vertx, config, "openapi/admin-api.json");
    StatsRoutes.mount(foundation, foundation.auth(SessionCheck.none()));
    JsonObject doc = await(foundation.openApi().load(vertx));
    assertThat(OpenApiDoc.undocumented(foundation.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("paths").getJsonObject("/api/v1/stats").containsKey("get")).isTrue();
    foundation.close();
  }

  private HttpResponse<Buffer> get(String token) throws Exception {
    var request = http.get(port, "127.0.0.1", "/api/v1/stats");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
