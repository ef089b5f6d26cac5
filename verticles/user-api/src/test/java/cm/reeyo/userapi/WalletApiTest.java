package cm.reeyo.userapi;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apitest.ApiUnderTest;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.OpenApiDoc;
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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The user API's wallet routes against a stand-in wallet engine that records what it was asked. */
@ExtendWith(VertxExtension.class)
@DisplayName("User API: wallet, top-up and Campay webhook routes")
class WalletApiTest {

  final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
  WebClient http;
  JsonObject config;
  int port;
  String userToken;
  String vendorToken;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    for (String address : List.of(WalletAddresses.BALANCE, WalletAddresses.TRANSACTIONS, WalletAddresses.TOPUP)) {
      vertx.eventBus().<JsonObject>consumer(address, m -> {
        received.add(m);
        m.reply(switch (address) { // the reply each address gives (the edge checks the answer against its document)
          case WalletAddresses.BALANCE -> new JsonObject().put("balance", 1234).put("walletId", "w_1").put("currency", "XAF");
          case WalletAddresses.TRANSACTIONS -> new JsonObject().put("items", new io.vertx.core.json.JsonArray())
            .putNull("nextCursor");
          default -> new JsonObject().put("paymentId", "pm_1").put("status", "PENDING").put("amount", 1234);
        });
      });
    }
    vertx.eventBus().<JsonObject>consumer(WalletAddresses.CAMPAY_WEBHOOK, m -> {
      received.add(m);
      if ("bad".equals(m.body().getString("signature"))) {
        m.fail(ErrorCode.UNAUTHORIZED.busCode(), "The webhook signature is not valid");
      } else {
        m.reply(new JsonObject().put("applied", true).put("paymentId", "pm_1").put("status", "SUCCESSFUL"));
      }
    });
    ApiUnderTest api = ApiUnderTest.deploy(vertx, ApiUnderTest.config(), UserApiVerticle::new)
      .compose(a -> a.withApproved(AccountKind.USER, "user_1"))
      .compose(a -> a.withApproved(AccountKind.VENDOR, "vendor_1"))
      .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    port = api.port;
    config = api.config;
    http = WebClient.create(vertx);
    userToken = api.token("user_1", Role.USER);
    vendorToken = api.token("vendor_1", Role.VENDOR);
  }

  private HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("balance and history go to the engine as the token's principal; other roles and anonymous callers are refused")
  void balanceAndHistory() throws Exception {
    HttpResponse<Buffer> wallet = await(http.get(port, "127.0.0.1", "/api/v1/wallet").bearerTokenAuthentication(userToken).send());
    assertThat(wallet.statusCode()).isEqualTo(200);
    assertThat(wallet.bodyAsJsonObject().getLong("balance")).isEqualTo(1234);
    assertThat(PrincipalHeaders.read(received.get(0).headers()).orElseThrow().id()).isEqualTo("user_1");
    assertThat(PrincipalHeaders.read(received.get(0).headers()).orElseThrow().role().name()).isEqualTo("USER");

    HttpResponse<Buffer> page = await(http.get(port, "127.0.0.1", "/api/v1/wallet/transactions?limit=5&cursor=abc")
      .bearerTokenAuthentication(userToken).send());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(received.get(1).body()).isEqualTo(new JsonObject().put("limit", 5).put("cursor", "abc"));
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/wallet/transactions?limit=500")
      .bearerTokenAuthentication(userToken).send()).statusCode()).isEqualTo(400);
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/wallet").send()).statusCode()).isEqualTo(401);
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/wallet").bearerTokenAuthentication(vendorToken).send())
      .statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a top-up is validated, carries the Idempotency-Key, and never takes the owner from the body")
  void topup() throws Exception {
    HttpResponse<Buffer> ok = await(http.post(port, "127.0.0.1", "/api/v1/wallet/topup").bearerTokenAuthentication(userToken)
      .putHeader("Idempotency-Key", "key-1").sendJsonObject(new JsonObject().put("amount", 5000).put("phone", "+237670000001")));
    assertThat(ok.statusCode()).isEqualTo(202);
    JsonObject command = received.get(0).body();
    assertThat(command).isEqualTo(new JsonObject().put("amount", 5000L).put("phone", "+237670000001").put("idempotencyKey", "key-1"));
    assertThat(PrincipalHeaders.read(received.get(0).headers()).orElseThrow().id()).isEqualTo("user_1");

    HttpResponse<Buffer> owner = await(http.post(port, "127.0.0.1", "/api/v1/wallet/topup").bearerTokenAuthentication(userToken)
      .sendJsonObject(new JsonObject().put("amount", 5000).put("phone", "+237670000001").put("userId", "user_2")));
    assertThat(owner.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> bad = await(http.post(port, "127.0.0.1", "/api/v1/wallet/topup").bearerTokenAuthentication(userToken)
      .sendJsonObject(new JsonObject().put("amount", 10.5).put("phone", "12")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getJsonObject("error").getJsonArray("details")).hasSize(2);
    assertThat(received).hasSize(1);
  }

  @Test
  @DisplayName("the webhook is public, accepts JSON, form or query fields, and maps a refused signature to 401")
  void webhook() throws Exception {
    HttpResponse<Buffer> json = await(http.post(port, "127.0.0.1", "/api/v1/payments/campay/webhook")
      .sendJsonObject(new JsonObject().put("status", "SUCCESSFUL").put("reference", "r1").put("amount", 100)
        .put("signature", "good").put("external_reference", "pm_1").put("admin", true)));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(received.get(0).body()).isEqualTo(new JsonObject().put("status", "SUCCESSFUL").put("reference", "r1")
      .put("amount", "100").put("signature", "good").put("external_reference", "pm_1"));
    HttpResponse<Buffer> query = await(http.get(port, "127.0.0.1",
      "/api/v1/payments/campay/webhook?status=FAILED&reference=r2&signature=bad").send());
    assertThat(query.statusCode()).isEqualTo(401);
    assertThat(query.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("UNAUTHORIZED");
  }

  @Test
  @DisplayName("every wallet route is in the OpenAPI document")
  void documented(Vertx vertx) throws Exception {
    ApiFoundation api = ApiFoundation.create(vertx, config, "openapi/user-api.json");
    WalletRoutes.mount(api, api.auth(SessionCheck.none()), Role.USER);
    TopupRoutes.mount(api, api.auth(SessionCheck.none()));
    CampayWebhookRoutes.mount(api);
    JsonObject doc = api.openApi().load(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(doc.getJsonObject("paths").fieldNames()).contains("/api/v1/wallet", "/api/v1/wallet/transactions",
      "/api/v1/wallet/topup", "/api/v1/payments/campay/webhook");
    assertThat(OpenApiDoc.undocumented(api.router(), doc)).isEmpty();
    api.close();
  }
}
