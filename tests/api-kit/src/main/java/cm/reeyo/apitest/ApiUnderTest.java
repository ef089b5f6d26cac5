package cm.reeyo.apitest;

import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Accounts;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One HTTP API verticle deployed for a test on a free port, with tables nobody else uses: a client bound to it,
 * stored accounts and access tokens minted with the test secret, and (on request) a stand-in notifier on
 * {@code notify.v1.sms} that keeps the OTP codes it is asked to send. Other services are the test's own stand-ins.
 */
public final class ApiUnderTest {

  private static final String[] AUTH_LIMITS = {"login", "register", "otp", "otpIp", "otpVerify"};

  public final Vertx vertx;
  public final JsonObject config;
  public final int port;
  public final WebClient client;
  private final JwtCodec jwt;
  private final Map<String, String> otps = new ConcurrentHashMap<>();

  private ApiUnderTest(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.port = config.getJsonObject("http").getInteger("port");
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.jwt = JwtCodec.fromConfig(vertx, config.getJsonObject("jwt"));
  }

  /** A fresh node config on a free port ({@link TestConfig#fresh()}). */
  public static JsonObject config() {
    return TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
  }

  /** {@link #config()} with the login, registration and OTP rate limits out of the way. */
  public static JsonObject configWithoutAuthLimits() {
    JsonObject config = config();
    for (String limit : AUTH_LIMITS) {
      config.getJsonObject("rateLimits").put(limit, new JsonObject().put("limit", 10_000));
    }
    return config;
  }

  /** Deploys {@code api} with {@code config}. */
  public static Future<ApiUnderTest> deploy(Vertx vertx, JsonObject config, Supplier<? extends Deployable> api) {
    ApiUnderTest under = new ApiUnderTest(vertx, config);
    return vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)).map(id -> under);
  }

  /** As {@link #deploy}, with the OTP codes sent by SMS kept for {@link #otp(String)}. */
  public static Future<ApiUnderTest> deployWithOtpInbox(Vertx vertx, JsonObject config, Supplier<? extends Deployable> api) {
    ApiUnderTest under = new ApiUnderTest(vertx, config);
    return vertx.eventBus().<JsonObject>consumer(NotifyAddresses.SMS, msg -> {
        under.otps.put(msg.body().getString("to"), msg.body().getJsonObject("params").getString("code"));
        msg.reply(new JsonObject().put("messageId", msg.body().getString("messageId", "msg_1")));
      }).completion()
      .compose(v -> vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)))
      .map(id -> under);
  }

  /** The last OTP code sent to {@code phone} (waits up to 2 s for it), or null; taking it removes it. */
  public String otp(String phone) throws InterruptedException {
    for (int i = 0; i < 100 && !otps.containsKey(phone); i++) {
      Thread.sleep(20);
    }
    return otps.remove(phone);
  }

  /** Stores an ACTIVE, phone-verified, APPROVED account of {@code kind} with the given id; then this. */
  public Future<ApiUnderTest> withApproved(AccountKind kind, String id) {
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    return new Accounts(dynamo).create(kind, new JsonObject().put(kind.idField(), id).put("isPhoneVerified", true)
        .put("approvalStatus", "APPROVED"))
      .map(account -> this)
      .eventually(() -> {
        Dynamo.release(vertx);
        return Future.succeededFuture();
      });
  }

  /** An access token for {@code id} in {@code role}, signed with the test secret, valid 15 minutes. */
  public String token(String id, Role role) {
    return jwt.sign(new JsonObject().put("sub", id).put("role", role.name()).put("typ", "access"), 900);
  }
}
