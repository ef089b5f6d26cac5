package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Dev-mode demo seeding: gives {@code user_demo_john} 50,000 XAF the way real money arrives — a Campay top-up (the
 * WireMock fake answers the collection) confirmed by a correctly signed SUCCESSFUL webhook posted to ourselves.
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
    DeliveryOptions asJohn = new DeliveryOptions().addHeader(Principal.HEADER_ID, DEMO_USER)
      .addHeader(Principal.HEADER_ROLE, Role.USER.name());
    JsonObject topup = new JsonObject().put("amount", AMOUNT).put("phone", "+237670000001").put("idempotencyKey", KEY);
    return vertx.eventBus().<JsonObject>request(WalletAddresses.TOPUP, topup, asJohn).compose(reply -> {
      JsonObject payment = reply.body();
      JsonObject webhook = signedWebhook(vertx, campay.webhookKey(), payment.getString("reference"),
        payment.getString("paymentId"), AMOUNT, "SUCCESSFUL");
      return vertx.eventBus().<JsonObject>request(WalletAddresses.CAMPAY_WEBHOOK, webhook).map(r -> r.body());
    });
  }

  /** The webhook Campay would send for a payment, signed with {@code webhookKey}. */
  public static JsonObject signedWebhook(Vertx vertx, String webhookKey, String reference, String externalReference,
                                         long amount, String status) {
    JsonObject claims = new JsonObject().put("reference", reference).put("external_reference", externalReference)
      .put("iat", System.currentTimeMillis() / 1000);
    return new JsonObject().put("status", status).put("reference", reference).put("amount", String.valueOf(amount))
      .put("currency", "XAF").put("operator", "MTN").put("code", "CP" + Math.abs(reference.hashCode()))
      .put("operator_reference", "MP" + Math.abs(reference.hashCode())).put("external_reference", externalReference)
      .put("signature", WebhookVerifier.sign(vertx, webhookKey, claims));
  }
}
