package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.storage.Dynamo;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.wallet.WalletHarness.await;
import static cm.reeyo.wallet.WalletHarness.balance;
import static cm.reeyo.wallet.WalletHarness.call;
import static cm.reeyo.wallet.WalletHarness.callAs;
import static cm.reeyo.wallet.WalletHarness.failureOf;
import static cm.reeyo.wallet.WalletHarness.sumWithPrefix;
import static com.github.tomakehurst.wiremock.client.WireMock.badRequest;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Wallet engine with Campay (WireMock): webhooks, poller, mobile-money orders, payouts")
class CampayTest {

  static WireMockServer campay;
  Dynamo dynamo;

  @BeforeAll
  static void startCampay() {
    campay = WalletHarness.campay();
  }

  @AfterAll
  static void stopCampay() {
    campay.stop();
  }

  @BeforeEach
  void deploy(Vertx vertx) {
    WalletHarness.stubDefaults(campay);
    JsonObject config = WalletHarness.config(null, campay.port());
    await(WalletHarness.deploy(vertx, config));
    dynamo = Dynamo.acquire(vertx, config);
  }

  private JsonObject startTopup(Vertx vertx, String userId, long amount) {
    return await(callAs(vertx, userId, Role.USER, WalletAddresses.TOPUP,
      new JsonObject().put("amount", amount).put("phone", "+237670000009")));
  }

  @Test
  @DisplayName("forged webhooks change nothing; a webhook only triggers a status check: Campay's PENDING, a wrong amount or a body's amount move nothing; the valid one three times credits once")
  void forgedAndRepeatedWebhooks(Vertx vertx) {
    JsonObject p = startTopup(vertx, "user_w", 5_000);
    assertThat(p.getString("status")).isEqualTo("PENDING");
    String ref = p.getString("reference");
    String id = p.getString("paymentId");
    JsonObject valid = DemoFunds.signedWebhook(vertx, WalletHarness.WEBHOOK_KEY, ref, id, 5_000, "SUCCESSFUL");

    JsonObject badSignature = DemoFunds.signedWebhook(vertx, "someone-elses-key", ref, id, 5_000, "SUCCESSFUL");
    JsonObject unknown = DemoFunds.signedWebhook(vertx, WalletHarness.WEBHOOK_KEY, "nope", "pm_unknown", 5_000, "SUCCESSFUL");
    JsonObject noneAlg = valid.copy().put("signature", "eyJhbGciOiJub25lIn0.eyJyZWZlcmVuY2UiOiJ4In0.");
    assertThat(failureOf(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, badSignature))).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(failureOf(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, noneAlg))).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(failureOf(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, unknown))).isEqualTo(ErrorCode.NOT_FOUND);

    JsonObject early = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid));
    assertThat(early.getBoolean("applied")).as("Campay still says PENDING").isFalse();
    WalletHarness.campaySays(ref, id, "SUCCESSFUL", 4_000);
    assertThat(failureOf(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid))).as("Campay's amount is not ours")
      .isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(await(balance(vertx, "user_w", Role.USER))).isZero();

    WalletHarness.campaySays(ref, id, "SUCCESSFUL", 5_000);
    JsonObject first = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid.copy().put("amount", "50000")));
    JsonObject second = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid));
    JsonObject late = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK,
      DemoFunds.signedWebhook(vertx, WalletHarness.WEBHOOK_KEY, ref, id, 5_000, "FAILED")));
    JsonObject third = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid));
    assertThat(first.getBoolean("applied")).isTrue();
    assertThat(second.getBoolean("applied")).isFalse();
    assertThat(third.getBoolean("applied")).isFalse();
    assertThat(late.getString("status")).as("a late FAILED does not undo a success").isEqualTo("SUCCESSFUL");
    assertThat(await(balance(vertx, "user_w", Role.USER))).as("what Campay confirmed, not the body's 50,000").isEqualTo(5_000);
    assertThat(await(callAs(vertx, "user_w", Role.USER, WalletAddresses.TRANSACTIONS, new JsonObject()))
      .getJsonArray("items")).hasSize(1);
    assertThat(await(call(vertx, WalletAddresses.RECONCILE, new JsonObject())).getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("a SUCCESSFUL webhook while Campay says FAILED moves nothing; signatures without exp, expired, or not naming this payment ({iat}, {}, another reference) are refused")
  void signatureClaimsAndContradictions(Vertx vertx) {
    JsonObject p = startTopup(vertx, "user_c", 6_000);
    JsonObject other = startTopup(vertx, "user_c2", 6_000);
    String ref = p.getString("reference");
    String id = p.getString("paymentId");
    long now = System.currentTimeMillis() / 1000;
    JsonObject valid = DemoFunds.signedWebhook(vertx, WalletHarness.WEBHOOK_KEY, ref, id, 6_000, "SUCCESSFUL");
    WalletHarness.campaySays(ref, id, "SUCCESSFUL", 6_000);
    List<JsonObject> claims = List.of(new JsonObject().put("iat", now), new JsonObject(),
      new JsonObject().put("reference", ref).put("external_reference", id).put("iat", now),
      new JsonObject().put("reference", ref).put("exp", now - 10),
      new JsonObject().put("exp", now + 300),
      new JsonObject().put("reference", other.getString("reference")).put("exp", now + 300),
      new JsonObject().put("reference", ref).put("external_reference", other.getString("paymentId")).put("exp", now + 300));
    for (JsonObject c : claims) {
      JsonObject forged = valid.copy().put("signature", WebhookVerifier.sign(vertx, WalletHarness.WEBHOOK_KEY, c));
      assertThat(failureOf(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, forged))).as(c.encode()).isEqualTo(ErrorCode.UNAUTHORIZED);
    }
    assertThat(await(balance(vertx, "user_c", Role.USER))).isZero();

    WalletHarness.campaySays(ref, id, "FAILED", 6_000);
    JsonObject contradicted = await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid));
    assertThat(contradicted.getString("status")).as("Campay's word, not the body's").isEqualTo("FAILED");
    WalletHarness.campaySays(ref, id, "SUCCESSFUL", 6_000);
    assertThat(await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, valid)).getBoolean("applied")).as("final stays final").isFalse();
    assertThat(await(balance(vertx, "user_c", Role.USER))).isZero();
    assertThat(await(call(vertx, WalletAddresses.RECONCILE, new JsonObject())).getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("a top-up stuck PENDING is resolved by the poller from Campay's transaction status; a failed one moves nothing")
  void pollerResolvesPending(Vertx vertx) {
    JsonObject ok = startTopup(vertx, "user_p", 7_000);
    JsonObject ko = startTopup(vertx, "user_q", 3_000);
    campay.stubFor(get(urlEqualTo("/transaction/" + ok.getString("reference") + "/"))
      .willReturn(okJson(new JsonObject().put("reference", ok.getString("reference")).put("status", "SUCCESSFUL")
        .put("amount", 7000).encode())));
    campay.stubFor(get(urlEqualTo("/transaction/" + ko.getString("reference") + "/"))
      .willReturn(okJson(new JsonObject().put("status", "FAILED").put("amount", 3000).encode())));

    JsonObject pass = await(call(vertx, WalletAddresses.POLL_PAYMENTS, new JsonObject()));
    assertThat(pass.getInteger("resolved")).isEqualTo(2);
    assertThat(await(balance(vertx, "user_p", Role.USER))).isEqualTo(7_000);
    assertThat(await(balance(vertx, "user_q", Role.USER))).isZero();
    assertThat(await(call(vertx, WalletAddresses.POLL_PAYMENTS, new JsonObject())).getInteger("resolved")).isZero();
  }

  @Test
  @DisplayName("a mobile-money order payment lands in escrow, tells the order engine, and settles like a wallet order")
  void mobileMoneyOrder(Vertx vertx) throws Exception {
    CompletableFuture<JsonObject> told = new CompletableFuture<>();
    await(vertx.eventBus().<JsonObject>consumer(OrderAddresses.PAYMENT_CONFIRMED, m -> {
      told.complete(m.body());
      m.reply(new JsonObject());
    }).completion());
    JsonObject p = await(call(vertx, WalletAddresses.COLLECT_FOR_ORDER, new JsonObject().put("orderId", "order_m")
      .put("userId", "user_m").put("amount", 17_000).put("phone", "+237670000010")));
    await(call(vertx, WalletAddresses.CAMPAY_WEBHOOK, WalletHarness.confirmedWebhook(vertx,
      p.getString("reference"), p.getString("paymentId"), 17_000, "SUCCESSFUL")));
    assertThat(told.get(10, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("orderId", "order_m")
      .put("paymentId", p.getString("paymentId")));
    assertThat(sumWithPrefix(WalletHarness.balances(dynamo), Account.ESCROW_PREFIX)).isEqualTo(17_000);

    await(call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_m")
      .put("paymentMethod", "MOBILE_MONEY").put("subtotal", 15_000).put("deliveryFee", 2_000)
      .put("vendorId", "vendor_m").put("riderId", "rider_m")));
    Map<String, Long> balances = WalletHarness.balances(dynamo);
    assertThat(balances).containsEntry("wallet_user_m", 0L).containsEntry("wallet_vendor_m", 12_750L)
      .containsEntry("wallet_rider_m", 2_000L).containsEntry(Account.EXTERNAL_CAMPAY, -17_000L);
  }

  @Test
  @DisplayName("payouts: below minimum refused; held on request; approved → withdrawn; rejected or refused → returned")
  void payouts(Vertx vertx) {
    await(call(vertx, WalletAddresses.SETTLE_ORDER, new JsonObject().put("orderId", "order_v").put("paymentMethod", "CASH")
      .put("subtotal", 40_000).put("deliveryFee", 1_000).put("vendorId", "vendor_p").put("riderId", "rider_p")));
    assertThat(await(balance(vertx, "vendor_p", Role.VENDOR))).isEqualTo(34_000);

    assertThat(failureOf(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST,
      new JsonObject().put("amount", 4_000).put("phone", "+237670000011")))).isEqualTo(ErrorCode.BELOW_MINIMUM);
    assertThat(failureOf(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST,
      new JsonObject().put("amount", 50_000).put("phone", "+237670000011")))).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(failureOf(callAs(vertx, "user_x", Role.USER, WalletAddresses.PAYOUT_REQUEST,
      new JsonObject().put("amount", 5_000).put("phone", "+237670000011")))).isEqualTo(ErrorCode.FORBIDDEN);

    JsonObject ask = new JsonObject().put("amount", 10_000).put("phone", "+237670000011").put("idempotencyKey", "k1");
    JsonObject first = await(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST, ask));
    JsonObject again = await(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST, ask));
    assertThat(again.getString("payoutId")).isEqualTo(first.getString("payoutId"));
    assertThat(first.getString("status")).isEqualTo("REQUESTED");
    assertThat(await(balance(vertx, "vendor_p", Role.VENDOR))).isEqualTo(24_000);
    assertThat(failureOf(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", first.getString("payoutId")).put("decision", "APPROVE"))))
      .isEqualTo(ErrorCode.FORBIDDEN);

    assertThat(failureOf(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", first.getString("payoutId")).put("decision", "APPROVE"))))
      .as("not the owner's verified phone").isEqualTo(ErrorCode.PHONE_NOT_VERIFIED);
    JsonObject paid = await(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", first.getString("payoutId")).put("decision", "APPROVE").put("allowOtherPhone", true)));
    assertThat(paid.getString("status")).isEqualTo("PAID");
    campay.verify(postRequestedFor(urlEqualTo("/withdraw/")));
    assertThat(failureOf(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", first.getString("payoutId")).put("decision", "REJECT"))))
      .isEqualTo(ErrorCode.CONFLICT);

    JsonObject second = await(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST,
      new JsonObject().put("amount", 6_000).put("phone", "+237670000011")));
    JsonObject rejected = await(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", second.getString("payoutId")).put("decision", "REJECT").put("reason", "KYC")));
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");

    campay.stubFor(post("/withdraw/").willReturn(badRequest().withBody("{\"message\":\"invalid number\"}")));
    JsonObject third = await(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_REQUEST,
      new JsonObject().put("amount", 5_000).put("phone", "+237670000011")));
    JsonObject failed = await(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_DECIDE,
      new JsonObject().put("payoutId", third.getString("payoutId")).put("decision", "APPROVE").put("allowOtherPhone", true)));
    assertThat(failed.getString("status")).isEqualTo("FAILED");

    Map<String, Long> balances = WalletHarness.balances(dynamo);
    assertThat(balances).containsEntry("wallet_vendor_p", 24_000L).containsEntry(Account.PAYOUTS_IN_FLIGHT, 0L)
      .containsEntry(Account.EXTERNAL_CAMPAY, 10_000L);
    JsonObject mine = await(callAs(vertx, "vendor_p", Role.VENDOR, WalletAddresses.PAYOUT_LIST, new JsonObject()));
    assertThat(mine.getJsonArray("items")).hasSize(3);
    JsonObject requested = await(callAs(vertx, "admin_1", Role.ADMIN, WalletAddresses.PAYOUT_LIST,
      new JsonObject().put("status", "PAID")));
    assertThat(requested.getJsonArray("items")).hasSize(1);
    assertThat(await(call(vertx, WalletAddresses.RECONCILE, new JsonObject())).getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("demo funds: the demo customer's 50,000 XAF arrive through a signed webhook, once however often seeding runs")
  void demoFunds(Vertx vertx) {
    JsonObject config = WalletHarness.config(null, campay.port());
    JsonObject first = await(DemoFunds.grant(vertx, config));
    JsonObject second = await(DemoFunds.grant(vertx, config));
    assertThat(first.getBoolean("applied")).isTrue();
    assertThat(second.getBoolean("applied")).isFalse();
    assertThat(await(balance(vertx, DemoFunds.DEMO_USER, Role.USER))).isEqualTo(DemoFunds.AMOUNT);
    assertThat(failureOf(DemoFunds.grant(vertx, config.copy().put("mode", "prod")))).isEqualTo(ErrorCode.FORBIDDEN);
  }
}
