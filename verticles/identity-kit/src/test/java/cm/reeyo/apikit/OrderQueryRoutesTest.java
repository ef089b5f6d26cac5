package cm.reeyo.apikit;

import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared order reads mounted for customers and for admins on real API foundations, with a stand-in order engine. */
@DisplayName("Order query routes: the API's role only, validated queries, the caller in the headers")
class OrderQueryRoutesTest {

  private static Vertx vertx;
  private static ApiFoundation customers;
  private static ApiFoundation admins;
  private static int customerPort;
  private static int adminPort;
  private static JwtCodec jwt;
  private static WebClient client;
  private static final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    customerPort = LocalRedis.Ports.free();
    adminPort = LocalRedis.Ports.free();
    JsonObject config = TestConfig.fresh();
    jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    vertx.eventBus().<JsonObject>consumer(OrderAddresses.LIST, m -> {
      received.add(m);
      m.reply(new JsonObject().put("items", new JsonArray()).putNull("nextCursor"));
    });
    vertx.eventBus().<JsonObject>consumer(OrderAddresses.GET, m -> {
      received.add(m);
      m.reply(new JsonObject().put("orderId", m.body().getString("orderId")).put("status", "PENDING"));
    });
    customers = mount(TestConfig.withPort(config, customerPort), Role.USER);
    admins = mount(TestConfig.withPort(config, adminPort), Role.ADMIN);
    client = WebClient.create(vertx);
  }

  private static ApiFoundation mount(JsonObject config, Role role) throws Exception {
    ApiFoundation api = ApiFoundation.create(vertx, config, "openapi/notifications-test-api.json");
    OrderQueryRoutes.mount(api, api.auth(SessionCheck.none()), role);
    api.openApi().fragment("openapi/order-queries-test.json");
    await(api.listen());
    return api;
  }

  @AfterAll
  static void stop() throws Exception {
    await(customers.close());
    await(admins.close());
    await(vertx.close());
  }

  @BeforeEach
  void clear() {
    received.clear();
  }

  @Test
  @DisplayName("a customer lists by status and reads one order; the engine is asked as the token's principal, never with a day")
  void customerReads() throws Exception {
    HttpResponse<Buffer> list = get(customerPort, "/api/v1/orders?status=PENDING&limit=5&day=2026-12-07", token("user_1", Role.USER));
    assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
    assertThat(received.get(0).body()).isEqualTo(new JsonObject().put("limit", 5).putNull("cursor").put("status", "PENDING"));
    assertThat(received.get(0).headers().get(Principal.HEADER_ID)).isEqualTo("user_1");
    assertThat(received.get(0).headers().get(Principal.HEADER_ROLE)).isEqualTo("USER");

    HttpResponse<Buffer> one = get(customerPort, "/api/v1/orders/ord_1", token("user_1", Role.USER));
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.bodyAsJsonObject().getString("orderId")).isEqualTo("ord_1");
    assertThat(received.get(1).body()).isEqualTo(new JsonObject().put("orderId", "ord_1"));
  }

  @Test
  @DisplayName("an admin may ask a day's orders; bad status, day and limit get 400 and a malformed id 404, the engine unasked")
  void validation() throws Exception {
    String admin = token("admin_1", Role.ADMIN);
    assertThat(get(adminPort, "/api/v1/orders?day=2026-12-07", admin).statusCode()).isEqualTo(200);
    assertThat(received.get(0).body().getString("day")).isEqualTo("2026-12-07");
    for (String query : List.of("?day=07-12-2026", "?status=pending", "?limit=0")) {
      HttpResponse<Buffer> bad = get(adminPort, "/api/v1/orders" + query, admin);
      assertThat(bad.statusCode()).as(query).isEqualTo(400);
      assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(get(adminPort, "/api/v1/orders/bad%20id", admin).statusCode()).isEqualTo(404);
    assertThat(received).hasSize(1);
  }

  @Test
  @DisplayName("each mount is a role wall: other roles get 403, no token 401")
  void roleWalls() throws Exception {
    assertThat(get(customerPort, "/api/v1/orders", token("vendor_1", Role.VENDOR)).statusCode()).isEqualTo(403);
    assertThat(get(customerPort, "/api/v1/orders/ord_1", token("admin_1", Role.ADMIN)).statusCode()).isEqualTo(403);
    assertThat(get(adminPort, "/api/v1/orders", token("user_1", Role.USER)).statusCode()).isEqualTo(403);
    assertThat(get(adminPort, "/api/v1/orders", null).statusCode()).isEqualTo(401);
    assertThat(received).isEmpty();
  }

  private static String token(String id, Role role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role.name()).put("typ", "access"), 900);
  }

  private static HttpResponse<Buffer> get(int port, String path, String token) throws Exception {
    var request = client.get(port, "127.0.0.1", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
