package cm.reeyo.userapi;

import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test harness: the user API deployed on a free port with its own tables, a client that sends each test's own
 * client IP through the trusted proxy header (so per-IP limits never leak between tests), and a stand-in notifier
 * consumer on {@code notify.v1.sms} that records the OTP codes it is asked to send.
 */
final class TestApi {

  static final String PROXY_HEADER = "X-Forwarded-For";
  static final String PASSWORD = "Str0ng#Pass";
  /** The refresh reuse grace of the test APIs (a rotated token presented within it answers its successor again). */
  static final long GRACE_MS = 1_500;

  final Vertx vertx;
  final JsonObject config;
  final WebClient client;
  final Map<String, JsonObject> sms = new ConcurrentHashMap<>();
  String ip = randomIp();

  private TestApi(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getJsonObject("http").getInteger("port")));
  }

  /** A node config with high limits (tests that need a low one override it) and a trusted proxy header. */
  static JsonObject config() {
    JsonObject config = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
    config.getJsonObject("http").put("trustedProxyHeader", PROXY_HEADER);
    config.getJsonObject("jwt").put("refreshReuseGraceMs", GRACE_MS);
    config.put("identity", new JsonObject().put("otp", new JsonObject().put("dailyPerPhone", 10_000)));
    JsonObject limits = config.getJsonObject("rateLimits");
    for (String name : new String[] {"login", "register", "otp", "otpIp", "otpVerify"}) {
      limits.put(name, new JsonObject().put("limit", 10_000));
    }
    return config;
  }

  static Future<TestApi> deploy(Vertx vertx, JsonObject config, int instances, boolean fakeNotifier) {
    TestApi api = new TestApi(vertx, config);
    Future<Void> consumer = fakeNotifier ? vertx.eventBus().<JsonObject>consumer(NotifyAddresses.SMS, msg -> {
      api.sms.put(msg.body().getString("to"), msg.body());
      msg.reply(new JsonObject().put("queued", true).put("messageId", "msg_1"));
    }).completion() : Future.succeededFuture();
    return consumer.compose(v -> vertx.deployVerticle(UserApiVerticle::new,
      new DeploymentOptions().setConfig(config).setInstances(instances))).map(id -> api);
  }

  static String randomPhone() {
    return "+23767" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  static String randomIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return with(client.post(path), token).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return post(path, body, null);
  }

  HttpResponse<Buffer> get(String path, String token) {
    return with(client.get(path), token).send().await();
  }

  HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return with(client.patch(path), token).sendJsonObject(body).await();
  }

  private HttpRequest<Buffer> with(HttpRequest<Buffer> request, String token) {
    request.putHeader(PROXY_HEADER, ip);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }

  /** A registration body for a fresh customer. */
  static JsonObject newUser(String phone) {
    return new JsonObject().put("firstName", "Awa").put("lastName", "Ngono").put("phone", phone)
      .put("email", "awa." + phone.substring(4) + "@example.com").put("password", PASSWORD);
  }

  /** The OTP the stand-in notifier received for this phone (the send is not awaited by the API, so poll briefly). */
  String otpFor(String phone) {
    for (int i = 0; i < 100 && !sms.containsKey(phone); i++) {
      sleep(20);
    }
    JsonObject message = sms.remove(phone);
    if (message == null) {
      throw new AssertionError("no SMS for " + phone);
    }
    return message.getJsonObject("params").getString("code");
  }

  JsonObject lastSms(String phone) {
    return sms.get(phone);
  }

  /** Registers, verifies and logs in a fresh customer; answers the login body. */
  JsonObject verifiedUser() {
    String phone = randomPhone();
    post("/api/v1/auth/register", newUser(phone));
    post("/api/v1/auth/verify-phone", new JsonObject().put("phone", phone).put("code", otpFor(phone)));
    return post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", PASSWORD)).bodyAsJsonObject();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
