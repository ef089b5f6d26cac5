package cm.reeyo.wallet;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.testkit.TestConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Test plumbing: an in-test WireMock playing Campay, a node config pointing at it, bus calls, funding. */
final class WalletHarness {

  static final String WEBHOOK_KEY = "test-campay-webhook-key";

  /** The fake started last: the one the engines of the running test class talk to. */
  private static WireMockServer current;

  private WalletHarness() {
  }

  static WireMockServer campay() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
      .templatingEnabled(true).globalTemplating(false));
    server.start();
    stubDefaults(server);
    current = server;
    return server;
  }

  static void stubDefaults(WireMockServer server) {
    server.resetAll();
    server.stubFor(post("/token/").willReturn(okJson("{\"token\":\"tok-test\",\"expires_in\":3600}")));
    server.stubFor(post("/collect/").willReturn(okJson(
      "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"ussd_code\":\"*126#\",\"operator\":\"MTN\"}")
      .withTransformers("response-template")));
    server.stubFor(post("/withdraw/").willReturn(okJson(
      "{\"reference\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"SUCCESSFUL\"}")
      .withTransformers("response-template")));
    server.stubFor(get(urlPathMatching("/transaction/.*")).willReturn(okJson("{\"status\":\"PENDING\"}")));
  }

  static JsonObject config(String dynamoEndpoint, int campayPort) {
    JsonObject config = TestConfig.fresh();
    if (dynamoEndpoint != null) {
      config.getJsonObject("dynamodb").put("endpoint", dynamoEndpoint);
    }
    return config
      .put("wallet", new JsonObject().put(WalletConfig.CONF_RECONCILE_INTERVAL, 0).put(WalletConfig.CONF_POLLER_INTERVAL, 3600)
        .put(WalletConfig.CONF_PENDING_STALE, 0).put(WalletConfig.CONF_ESCROW_SHARDS, 4)
        .put(WalletConfig.CONF_REVENUE_SHARDS, 4).put(WalletConfig.CONF_MAX_ATTEMPTS, 60))
      .put("campay", new JsonObject().put(CampayConfig.CONF_BASE_URL, "http://127.0.0.1:" + campayPort)
        .put(CampayConfig.CONF_WEBHOOK_KEY, WEBHOOK_KEY).put(CampayConfig.CONF_TIMEOUT_MS, 5000));
  }

  static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new WalletEngineVerticle(), new DeploymentOptions().setConfig(config));
  }

  static Future<JsonObject> call(Vertx vertx, String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
  }

  static Future<JsonObject> callAs(Vertx vertx, String id, Role role, String address, JsonObject body) {
    return BusClient.of(vertx).request(address, body, new Principal(id, role));
  }

  static Future<Long> balance(Vertx vertx, String id, Role role) {
    return callAs(vertx, id, role, WalletAddresses.BALANCE, new JsonObject()).map(w -> w.getLong("balance"));
  }

  /** Waits on the test thread (never an event loop) for a future's result. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The stable error a future failed with; AssertionError when it succeeded. */
  static ErrorCode failureOf(Future<?> future) {
    try {
      Object r = future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + r);
    } catch (ExecutionException e) {
      return ErrorCode.of(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** Every wallet's balance, system accounts included. */
  static Map<String, Long> balances(Dynamo dynamo) {
    Map<String, Long> out = new TreeMap<>();
    await(dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table(CoreTables.WALLETS)).consistentRead(true))))
      .items().forEach(i -> out.put(i.get("walletId").s(), Long.parseLong(i.get("balance").n())));
    return out;
  }

  static long sumWithPrefix(Map<String, Long> balances, String prefix) {
    return balances.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  /** Starts a top-up for the user; Campay's status endpoint says SUCCESSFUL, then its signed webhook arrives. */
  static Future<JsonObject> fund(Vertx vertx, String userId, long amount) {
    return callAs(vertx, userId, Role.USER, WalletAddresses.TOPUP,
        new JsonObject().put("amount", amount).put("phone", "+237670000001"))
      .compose(p -> call(vertx, WalletAddresses.CAMPAY_WEBHOOK,
        confirmedWebhook(vertx, p.getString("reference"), p.getString("paymentId"), amount, "SUCCESSFUL")));
  }

  /** Sets what the fake's {@code GET /transaction/{reference}/} answers for one payment. */
  static void campaySays(String reference, String paymentId, String status, long amount) {
    current.stubFor(get(urlPathEqualTo("/transaction/" + reference + "/")).atPriority(1)
      .willReturn(okJson(new JsonObject().put("reference", reference).put("status", status).put("amount", amount)
        .put("currency", "XAF").put("external_reference", paymentId).encode())));
  }

  /** Campay's state set to {@code status} for the payment, and the webhook it would then send. */
  static JsonObject confirmedWebhook(Vertx vertx, String reference, String paymentId, long amount, String status) {
    campaySays(reference, paymentId, status, amount);
    return DemoFunds.signedWebhook(vertx, WEBHOOK_KEY, reference, paymentId, amount, status);
  }
}
