package cm.reeyo.adminapi;

import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apitest.ApiUnderTest;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.SessionCheck;
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

/** The admin API's payout and reconciliation routes against a stand-in wallet engine. */
@ExtendWith(VertxExtension.class)
@DisplayName("Admin API: payout decisions and reconciliation")
class PayoutAdminApiTest {

  final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
  JsonObject config;
  WebClient http;
  int port;
  String adminToken;
  String vendorToken;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    for (String address : List.of(WalletAddresses.PAYOUT_LIST, WalletAddresses.PAYOUT_DECIDE, WalletAddresses.RECONCILE)) {
      vertx.eventBus().<JsonObject>consumer(address, m -> {
        received.add(m);
        m.reply(switch (address) { // the reply each address gives (the edge checks the answer against its document)
          case WalletAddresses.PAYOUT_LIST -> new JsonObject().put("items", new io.vertx.core.json.JsonArray()).putNull("nextCursor");
          case WalletAddresses.PAYOUT_DECIDE -> new JsonObject().put("status", "PAID").put("payoutId", "po_1");
          default -> new JsonObject().put("ok", true).put("mismatchCount", 0).put("unbalancedCount", 0);
        });
      });
    }
    ApiUnderTest api = ApiUnderTest.deploy(vertx, ApiUnderTest.config(), AdminApiVerticle::new)
      .compose(a -> a.withApproved(AccountKind.ADMIN, "admin_1"))
      .compose(a -> a.withApproved(AccountKind.VENDOR, "vendor_1"))
      .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    port = api.port;
    config = api.config;
    http = WebClient.create(vertx);
    adminToken = api.token("admin_1", Role.ADMIN);
    vendorToken = api.token("vendor_1", Role.VENDOR);
  }

  private HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("list by status, approve and reject (reason required) go to the engine as the admin; vendors are refused")
  void decisions() throws Exception {
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/payouts?status=PAID").bearerTokenAuthentication(adminToken)
      .send()).statusCode()).isEqualTo(200);
    assertThat(received.get(0).body().getString("status")).isEqualTo("PAID");
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/payouts?status=LOST").bearerTokenAuthentication(adminToken)
      .send()).statusCode()).isEqualTo(400);

    assertThat(await(http.post(port, "127.0.0.1", "/api/v1/payouts/po_1/approve").bearerTokenAuthentication(adminToken)
      .send()).statusCode()).isEqualTo(200);
    assertThat(received.get(1).body()).isEqualTo(new JsonObject().put("payoutId", "po_1").put("decision", "APPROVE")
      .putNull("reason"));
    assertThat(PrincipalHeaders.read(received.get(1).headers()).orElseThrow().role().name()).isEqualTo("ADMIN");

    assertThat(await(http.post(port, "127.0.0.1", "/api/v1/payouts/po_2/reject").bearerTokenAuthentication(adminToken)
      .sendJsonObject(new JsonObject())).statusCode()).isEqualTo(400);
    assertThat(await(http.post(port, "127.0.0.1", "/api/v1/payouts/po_2/reject").bearerTokenAuthentication(adminToken)
      .sendJsonObject(new JsonObject().put("reason", "KYC missing"))).statusCode()).isEqualTo(200);
    assertThat(received.get(2).body().getString("decision")).isEqualTo("REJECT");

    assertThat(await(http.post(port, "127.0.0.1", "/api/v1/payouts/po_1/approve").bearerTokenAuthentication(vendorToken)
      .send()).statusCode()).isEqualTo(403);
    assertThat(await(http.get(port, "127.0.0.1", "/api/v1/reconciliation").bearerTokenAuthentication(vendorToken)
      .send()).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> report = await(http.get(port, "127.0.0.1", "/api/v1/reconciliation")
      .bearerTokenAuthentication(adminToken).send());
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.bodyAsJsonObject().getBoolean("ok")).isTrue();
    assertThat(received).hasSize(4);
  }

  @Test
  @DisplayName("every payout and reconciliation route is in the OpenAPI document")
  void documented(Vertx vertx) throws Exception {
    ApiFoundation api = ApiFoundation.create(vertx, config, "openapi/admin-api.json");
    PayoutAdminRoutes.mount(api, api.auth(SessionCheck.none()));
    ReconciliationRoutes.mount(api, api.auth(SessionCheck.none()));
    JsonObject doc = api.openApi().load(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(doc.getJsonObject("paths").fieldNames()).contains("/api/v1/payouts", "/api/v1/reconciliation",
      "/api/v1/payouts/{payoutId}/approve", "/api/v1/payouts/{payoutId}/reject");
    assertThat(OpenApiDoc.undocumented(api.router(), doc)).isEmpty();
    api.close();
  }
}
