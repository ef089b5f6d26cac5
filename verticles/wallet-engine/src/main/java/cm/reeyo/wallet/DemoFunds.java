package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * Dev-mode demo seeding: gives {@code user_demo_john} 50,000 XAF the way real money arrives — a Campay top-up (the
 * WireMock fake answers the collection, and is told the transaction succeeded) confirmed by a correctly signed
 * SUCCESSFUL webhook posted to ourselves.
 * Idempotent: a second call finds the same payment already applied and moves nothing. Refused outside dev mode.
 */
public final class DemoFunds {

  public static final String DEMO_USER = "user_demo_john";
  public static final long AMOUNT = 50_000;
  static final String KEY = "demo-funds-" + DEMO_USER;

  private DemoFunds() {
  }

  /** Needs a deployed wallet engine and the Campay fake; answers the webhook outcome {@code {paymentId, status, applied}}. */
  public static Future<JsonObject> grant(Vertx vertx, JsonObject nodeConfig) {
    if (!"dev".equals(nodeConfig.getString("mode", "dev"))) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Demo funds exist only in dev mode"));
    }
    CampayConfig campay = CampayConfig.from(nodeConfig);
    BusClient bus = BusClient.of(vertx);
    JsonObject topup = new JsonObject().put("amount", AMOUNT).put("phone", "+237670000001").put("idempotencyKey", KEY);
    return bus.request(WalletAddresses.TOPUP, topup, new Principal(DEMO_USER, Role.USER)).compose(payment -> {
      JsonObject webhook = signedWebhook(vertx, campay.webhookKey(), payment.getString("reference"),
        payment.getString("paymentId"), AMOUNT, "SUCCESSFUL");
      return settleAtFake(vertx, campay.baseUrl(), payment.getString("reference"), payment.getString("paymentId"))
        .compose(v -> bus.request(WalletAddresses.CAMPAY_WEBHOOK, webhook));
    });
  }

  /**
   * A webhook is only a trigger: the engine asks Campay's status endpoint. In dev that is the WireMock fake, so
   * the demo first tells the fake (its admin API) that this transaction succeeded for the demo amount.
   */
  private static Future<Void> settleAtFake(Vertx vertx, String baseUrl, String reference, String paymentId) {
    JsonObject stub = new JsonObject()
      .put("request", new JsonObject().put("method", "GET").put("urlPathPattern", "(/api)?/transaction/" + reference + "/"))
      .put("response", new JsonObject().put("status", 200).put("jsonBody", new JsonObject().put("reference", reference)
        .put("status", "SUCCESSFUL").put("amount", AMOUNT).put("currency", "XAF").put("external_reference", paymentId)))
      .put("priority", 1);
    WebClient web = WebClient.create(vertx);
    return web.postAbs(baseUrl + "/__admin/mappings").sendJsonObject(stub)
      .<Void>compose(r -> r.statusCode() < 300 ? Future.succeededFuture()
        : Future.failedFuture("the Campay fake refused the demo stub: " + r.statusCode()))
      .andThen(r -> web.close());
  }

  /** The webhook Campay would send for a payment, signed with {@code webhookKey}. */
  public static JsonObject signedWebhook(Vertx vertx, String webhookKey, String reference, String externalReference,
                                         long amount, String status) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("reference", reference).put("external_reference", externalReference)
      .put("iat", now).put("exp", now + 300);
    return new JsonObject().put("status", status).put("reference", reference).put("amount", String.valueOf(amount))
      .put("currency", "XAF").put("operator", "MTN").put("code", "CP" + Math.abs(reference.hashCode()))
      .put("operator_reference", "MP" + Math.abs(reference.hashCode())).put("external_reference", externalReference)
      .put("signature", WebhookVerifier.sign(vertx, webhookKey, claims));
  }
}
