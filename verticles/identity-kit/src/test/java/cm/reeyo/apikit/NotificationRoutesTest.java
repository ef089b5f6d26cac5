package cm.reeyo.apikit;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared notification routes on a real API foundation, with a small fake notifier on the bus. */
@ExtendWith(VertxExtension.class)
@DisplayName("Notification routes: own inbox and devices only, validated, documented")
class NotificationRoutesTest {

  private static Vertx vertx;
  private static ApiFoundation api;
  private static WebClient client;
  private static JwtCodec jwt;
  private static final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int port = LocalRedis.Ports.free();
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), port);
    jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
    fakeNotifier();
    api = ApiFoundation.create(vertx, config, "openapi/notifications-test-api.json");
    NotificationRoutes.mount(api, api.auth(SessionCheck.none()), Role.RIDER);
    await(api.listen());
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterAll
  static void stop() throws Exception {
    await(api.close());
    await(vertx.close());
  }

  private static void fakeNotifier() {
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.INBOX_LIST, m -> {
      received.add(m);
      if ("bad".equals(m.body().getString("cursor"))) {
        m.fail(ErrorCode.VALIDATION_FAILED.busCode(), "bad cursor");
        return;
      }
      m.reply(new JsonObject().put("items", new io.vertx.core.json.JsonArray()).put("nextCursor", null).put("unreadCount", 0));
    });
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.INBOX_READ, m -> {
      received.add(m);
      if (m.body().getString("notificationId").equals("n404")) {
        m.fail(ErrorCode.NOT_FOUND.busCode(), "No such notification");
      } else {
        m.reply(new JsonObject().put("notificationId", m.body().getString("notificationId")).put("read", true));
      }
    });
    vertx.eventBus().<JsonObject>consumer(NotifyAddresses.REGISTER_DEVICE, m -> {
      received.add(m);
      m.reply(new JsonObject().put("accountId", m.body().getString("accountId")).put("platform", m.body().getString("platform"))
        .put("registered", true));
    });
  }

  @Test
  @DisplayName("GET /api/v1/notifications asks the notifier for the caller's own inbox (principal in headers and body)")
  void listsOwnInbox() throws Exception {
    received.clear();
    HttpResponse<Buffer> r = await(client.get("/api/v1/notifications?limit=5&unread=true&accountId=someone_else")
      .bearerTokenAuthentication(token("rider_me", "RIDER")).send());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().containsKey("items")).isTrue();
    Message<JsonObject> m = received.get(0);
    assertThat(m.body().getString("accountId")).isEqualTo("rider_me");
    assertThat(m.body().getInteger("limit")).isEqualTo(5);
    assertThat(m.body().getBoolean("unread")).isTrue();
    assertThat(PrincipalHeaders.read(m.headers()).orElseThrow().id()).isEqualTo("rider_me");
    assertThat(PrincipalHeaders.read(m.headers()).orElseThrow().role().name()).isEqualTo("RIDER");
  }

  @Test
  @DisplayName("no token is 401; another role is 403; a bad limit or unread is 400 before the bus; a bad cursor is the notifier's 400")
  void refusesBadRequests() throws Exception {
    assertThat(await(client.get("/api/v1/notifications").send()).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> badLimit = await(client.get("/api/v1/notifications?limit=500")
      .bearerTokenAuthentication(token("rider_1", "RIDER")).send());
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VALIDATION_FAILED");
    assertThat(await(client.get("/api/v1/notifications?unread=maybe")
      .bearerTokenAuthentication(token("rider_1", "RIDER")).send()).statusCode()).isEqualTo(400);
    assertThat(await(client.get("/api/v1/notifications?cursor=bad")
      .bearerTokenAuthentication(token("rider_1", "RIDER")).send()).statusCode()).isEqualTo(400);
    for (String role : new String[] {"ADMIN", "USER", "VENDOR"}) {
      assertThat(await(client.get("/api/v1/notifications")
        .bearerTokenAuthentication(token("someone_1", role)).send()).statusCode()).as(role).isEqualTo(403);
      assertThat(await(client.post("/api/v1/notifications/n7/read")
        .bearerTokenAuthentication(token("someone_1", role)).send()).statusCode()).as(role).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("POST .../{id}/read marks the caller's entry read; an unknown id is 404")
  void marksRead() throws Exception {
    HttpResponse<Buffer> ok = await(client.post("/api/v1/notifications/n7/read")
      .bearerTokenAuthentication(token("rider_9", "RIDER")).send());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getBoolean("read")).isTrue();
    assertThat(await(client.post("/api/v1/notifications/n404/read")
      .bearerTokenAuthentication(token("rider_9", "RIDER")).send()).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("POST /api/v1/devices registers the caller's device (201); unknown platform or extra fields are 400")
  void registersDevice() throws Exception {
    received.clear();
    HttpResponse<Buffer> created = await(client.post("/api/v1/devices").bearerTokenAuthentication(token("rider_7", "RIDER"))
      .sendJsonObject(new JsonObject().put("platform", "IOS").put("token", "apns-token-123456")));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject sent = received.get(0).body();
    assertThat(sent.getString("accountId")).isEqualTo("rider_7");
    assertThat(sent.getString("role")).isEqualTo("RIDER");
    assertThat(sent.getString("token")).isEqualTo("apns-token-123456");

    assertThat(await(client.post("/api/v1/devices").bearerTokenAuthentication(token("rider_7", "RIDER"))
      .sendJsonObject(new JsonObject().put("platform", "WINDOWS").put("token", "apns-token-123456"))).statusCode()).isEqualTo(400);
    assertThat(await(client.post("/api/v1/devices").bearerTokenAuthentication(token("rider_7", "RIDER"))
      .sendJsonObject(new JsonObject().put("platform", "IOS").put("token", "apns-token-123456").put("accountId", "user_x")))
      .statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("every notification route is in the OpenAPI document")
  void documented() throws Exception {
    JsonObject doc = await(api.openApi().load(vertx));
    assertThat(OpenApiDoc.undocumented(api.router(), doc)).isEmpty();
    assertThat(doc.getJsonObject("paths").containsKey("/api/v1/devices")).isTrue();
  }

  private static String token(String sub, String role) {
    return jwt.sign(new JsonObject().put("sub", sub).put("role", role).put("typ", "access"), 900);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
