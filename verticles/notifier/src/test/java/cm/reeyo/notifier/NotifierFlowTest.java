package cm.reeyo.notifier;

import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.notifier.outbox.Outbox;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cm.reeyo.notifier.TestSupport.await;
import static cm.reeyo.notifier.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Notifier: requests and domain events reach Twilio, SendGrid, SNS and the inbox")
class NotifierFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ProviderFakes fakes;
  private static Vertx vertx;
  private static Dynamo dynamo;
  private static NotifierVerticle notifier;
  private static TestSupport.BlockedThreadWatch watch;

  @BeforeAll
  static void start() {
    watch = new TestSupport.BlockedThreadWatch().start();
    fakes = new ProviderFakes().start();
    vertx = TestSupport.strictVertx();
    JsonObject config = TestSupport.config(fakes.baseUrl());
    notifier = new NotifierVerticle();
    await(vertx.deployVerticle(notifier, new DeploymentOptions().setConfig(config)));
    dynamo = Dynamo.acquire(vertx, config);
  }

  @AfterAll
  static void stop() {
    Dynamo.release(vertx);
    await(vertx.close());
    fakes.stop();
    List<String> blocked = watch.eventLoopWarnings();
    watch.stop();
    assertThat(blocked).as("blocked event-loop warnings").isEmpty();
  }

  @BeforeEach
  void healthyProviders() {
    fakes.allHealthy();
  }

  @Test
  @DisplayName("an OTP request sends exactly one SMS carrying the code; the same messageId again sends nothing more")
  void otpSendsOneSms() {
    String to = "+237670" + (100000 + (int) (Math.random() * 899999));
    JsonObject request = new JsonObject().put("to", to).put("template", "otp")
      .put("params", new JsonObject().put("code", "482913")).put("messageId", Ids.next("otp"));

    JsonObject reply = await(vertx.eventBus().<JsonObject>request(NotifyAddresses.SMS, request)).body();
    JsonObject again = await(vertx.eventBus().<JsonObject>request(NotifyAddresses.SMS, request)).body();

    assertThat(reply.getString("messageId")).isEqualTo(request.getString("messageId"));
    assertThat(again.getBoolean("duplicate")).isTrue();
    eventually(WAIT, () -> "SENT".equals(outboxStatus(reply.getString("messageId"))));
    TestSupport.sleep(300);
    List<LoggedRequest> sms = fakes.sms().stream().filter(r -> form(r).contains("To=" + to)).toList();
    assertThat(sms).hasSize(1);
    assertThat(form(sms.get(0))).contains("482913").contains("votre code de vérification");
  }

  @Test
  @DisplayName("once an OTP SMS is sent its outbox record no longer holds the code (text removed, redacted) and expires within a day")
  void sentOtpIsRedacted() {
    String to = "+237670" + (100000 + (int) (Math.random() * 899999));
    JsonObject request = new JsonObject().put("to", to).put("template", "otp")
      .put("params", new JsonObject().put("code", "731905")).put("messageId", Ids.next("otp"));
    String messageId = await(vertx.eventBus().<JsonObject>request(NotifyAddresses.SMS, request)).body().getString("messageId");

    eventually(WAIT, () -> "SENT".equals(outboxStatus(messageId)));
    JsonObject record = await(new Outbox(dynamo, "test").get(messageId));
    assertThat(fakes.sms().stream().map(NotifierFlowTest::form).filter(f -> f.contains("To=" + to)).toList())
      .singleElement().asString().contains("731905");
    assertThat(record.encode()).doesNotContain("731905");
    assertThat(record.getJsonObject("payload").getBoolean("redacted")).isTrue();
    assertThat(record.getJsonObject("payload").containsKey("text")).isFalse();
    assertThat(record.getLong("expiresAt")).isLessThanOrEqualTo(java.time.Instant.now().plusSeconds(86_400).getEpochSecond());
  }

  @Test
  @DisplayName("order.delivered sends the customer a receipt e-mail with items, fee and the right total, and an inbox entry")
  void deliveredSendsReceipt() {
    String userId = Ids.next("user");
    TestSupport.putAccount(dynamo, CoreTables.USERS, new JsonObject().put("userId", userId).put("firstName", "Awa")
      .put("email", "awa@example.cm").put("phone", "+237670000111").put("language", "fr"));
    JsonObject order = new JsonObject().put("orderId", Ids.next("order")).put("userId", userId)
      .put("vendorId", Ids.next("vendor")).put("status", "DELIVERED")
      .put("items", new JsonArray()
        .add(new JsonObject().put("name", "Ndolé <maison>").put("quantity", 2).put("price", 6000))
        .add(new JsonObject().put("name", "Jus de foléré").put("quantity", 1).put("price", 3500)))
      .put("subtotal", 15500).put("deliveryFee", 1500).put("total", 17000);

    vertx.eventBus().publish(OrderAddresses.EVENTS, event("order.delivered", order));

    eventually(WAIT, () -> fakes.emails().stream().anyMatch(r -> r.getBodyAsString().contains("awa@example.cm")));
    JsonObject mail = new JsonObject(fakes.emails().stream()
      .filter(r -> r.getBodyAsString().contains("awa@example.cm")).findFirst().orElseThrow().getBodyAsString());
    String text = mail.getJsonArray("content").getJsonObject(0).getString("value");
    String html = mail.getJsonArray("content").getJsonObject(1).getString("value");
    assertThat(mail.getString("subject")).startsWith("Votre reçu Reeyo");
    assertThat(text).contains("Total : 17 000 FCFA").contains("Sous-total : 15 500 FCFA")
      .contains("Frais de livraison : 1 500 FCFA").contains("2 × Ndolé <maison> — 12 000 FCFA").contains("Bonjour Awa");
    assertThat(html).contains("<b>17 000 FCFA</b>").contains("Ndolé &lt;maison&gt;").doesNotContain("<maison>");
    assertThat(fakes.emails().stream().filter(r -> r.getBodyAsString().contains("awa@example.cm")).count()).isEqualTo(1);
    eventually(WAIT, () -> inbox(userId, new JsonObject()).getJsonArray("items").size() == 1);
    assertThat(inbox(userId, new JsonObject()).getJsonArray("items").getJsonObject(0).getString("title"))
      .isEqualTo("Commande livrée");
  }

  @Test
  @DisplayName("order.placed pushes new_order to the vendor's registered device through SNS, once per device")
  void newOrderPushesToVendor() {
    String vendorId = Ids.next("vendor");
    TestSupport.putAccount(dynamo, CoreTables.VENDORS, new JsonObject().put("vendorId", vendorId).put("language", "en"));
    await(vertx.eventBus().request(NotifyAddresses.REGISTER_DEVICE, new JsonObject().put("accountId", vendorId)
      .put("role", "VENDOR").put("platform", "ANDROID").put("token", "fcm-token-" + vendorId)));
    JsonObject order = new JsonObject().put("orderId", Ids.next("order")).put("userId", Ids.next("user"))
      .put("vendorId", vendorId).put("total", 8500);

    JsonObject placed = event("order.placed", order);
    vertx.eventBus().publish(OrderAddresses.EVENTS, placed);
    vertx.eventBus().publish(OrderAddresses.EVENTS, placed);

    eventually(WAIT, () -> fakes.publishes().size() == 1);
    TestSupport.sleep(300);
    assertThat(fakes.publishes()).hasSize(1);
    String message = form(fakes.publishes().get(0));
    assertThat(message).contains("MessageStructure=json").contains("New order").contains("8 500 FCFA")
      .contains("TargetArn=arn:aws:sns:us-east-1:000000000000:endpoint/GCM/reeyo-dev/e1");
    assertThat(fakes.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
      .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("fcm-token-" + vendorId)))).hasSize(1);
  }

  @Test
  @DisplayName("Twilio 21211 (invalid number) is not retried: message FAILED, the account's phone marked unreachable")
  void invalidNumberIsPermanent() {
    fakes.server.resetAll();
    fakes.twilio(ProviderFakes.twilioError(400, 21211));
    String userId = Ids.next("user");
    TestSupport.putAccount(dynamo, CoreTables.USERS, new JsonObject().put("userId", userId).put("phone", "+237699999999"));

    JsonObject reply = await(vertx.eventBus().<JsonObject>request(NotifyAddresses.SMS, new JsonObject()
      .put("to", "+237699999999").put("template", "otp").put("params", new JsonObject().put("code", "111222"))
      .put("accountId", userId))).body();

    eventually(WAIT, () -> "FAILED".equals(outboxStatus(reply.getString("messageId"))));
    eventually(WAIT, () -> TestSupport.getAccount(dynamo, CoreTables.USERS, "userId", userId).getBoolean("phoneUnreachable", false));
    TestSupport.sleep(400);
    assertThat(fakes.sms()).hasSize(1);
  }

  @Test
  @DisplayName("bad requests fail with VALIDATION_FAILED: number not E.164, unknown template")
  void badRequests() {
    assertThatThrownBy(() -> await(vertx.eventBus().request(NotifyAddresses.SMS,
      new JsonObject().put("to", "670000000").put("template", "otp"))))
      .satisfies(e -> assertThat(TestSupport.code(e)).isEqualTo(ErrorCode.VALIDATION_FAILED));
    assertThatThrownBy(() -> await(vertx.eventBus().request(NotifyAddresses.EMAIL,
      new JsonObject().put("to", "a@b.cm").put("template", "no_such_template"))))
      .satisfies(e -> assertThat(TestSupport.code(e)).isEqualTo(ErrorCode.VALIDATION_FAILED));
  }

  @Test
  @DisplayName("inbox: newest first, cursor pages, read/unread, and nobody reads another account's inbox")
  void inboxPagesAndReads() {
    String userId = Ids.next("user");
    for (int i = 1; i <= 3; i++) {
      await(vertx.eventBus().request(NotifyAddresses.INBOX, new JsonObject().put("accountId", userId)
        .put("title", "t" + i).put("body", "b" + i)));
    }
    JsonObject first = inbox(userId, new JsonObject().put("limit", 2));
    assertThat(first.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title"))).containsExactly("t3", "t2");
    assertThat(first.getInteger("unreadCount")).isEqualTo(3);
    JsonObject second = inbox(userId, new JsonObject().put("limit", 2).put("cursor", first.getString("nextCursor")));
    assertThat(second.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title"))).containsExactly("t1");
    assertThat(second.getString("nextCursor")).isNull();

    String id = first.getJsonArray("items").getJsonObject(0).getString("notificationId");
    await(vertx.eventBus().request(NotifyAddresses.INBOX_READ, new JsonObject().put("accountId", userId).put("notificationId", id)));
    JsonObject unread = inbox(userId, new JsonObject().put("unread", true));
    assertThat(unread.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title"))).containsExactly("t2", "t1");
    assertThat(unread.getInteger("unreadCount")).isEqualTo(2);

    Principal stranger = new Principal(Ids.next("user"), Role.USER);
    assertThatThrownBy(() -> await(BusClient.of(vertx).request(NotifyAddresses.INBOX_LIST,
      new JsonObject().put("accountId", userId), stranger)))
      .satisfies(e -> assertThat(TestSupport.code(e)).isEqualTo(ErrorCode.FORBIDDEN));
    assertThatThrownBy(() -> await(vertx.eventBus().request(NotifyAddresses.INBOX_READ,
      new JsonObject().put("accountId", userId).put("notificationId", "n999"))))
      .satisfies(e -> assertThat(TestSupport.code(e)).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  @DisplayName("a wallet PAYOUT_PAID (as the wallet engine publishes it) sends the vendor a statement e-mail in English")
  void payoutStatement() {
    String vendorId = Ids.next("vendor");
    TestSupport.putAccount(dynamo, CoreTables.VENDORS, new JsonObject().put("vendorId", vendorId)
      .put("email", "chef@example.cm").put("language", "en").put("firstName", "Paul"));

    vertx.eventBus().publish(WalletAddresses.EVENTS, new JsonObject().put("type", "PAYOUT_PAID")
      .put("transferId", Ids.next("tr")).put("key", "payout-paid#payout_1").put("reference", "payout_1")
      .put("legs", new JsonArray()
        .add(new JsonObject().put("walletId", "sys_payouts_in_flight").put("ownerId", "PLATFORM").put("ownerType", "PLATFORM")
          .put("type", "DEBIT").put("amount", 25000))
        .add(new JsonObject().put("walletId", "sys_external_campay").put("ownerId", "PLATFORM").put("ownerType", "PLATFORM")
          .put("type", "CREDIT").put("amount", 25000)))
      .put("ownerId", vendorId).put("ownerType", "VENDOR").put("payoutId", "payout_1").put("amount", 25000)
      .put("at", Instant.now().toString()));

    eventually(WAIT, () -> fakes.emails().stream().anyMatch(r -> r.getBodyAsString().contains("chef@example.cm")));
    String body = fakes.emails().stream().filter(r -> r.getBodyAsString().contains("chef@example.cm"))
      .findFirst().orElseThrow().getBodyAsString();
    assertThat(body).contains("Reeyo payout statement — 25 000 FCFA").contains("Hello Paul").contains("payout_1");
  }

  private static JsonObject event(String type, JsonObject order) {
    return new JsonObject().put("type", type).put("orderId", order.getString("orderId"))
      .put("status", order.getString("status")).put("order", order).put("at", Instant.now().toString());
  }

  private static JsonObject inbox(String accountId, JsonObject query) {
    return await(vertx.eventBus().<JsonObject>request(NotifyAddresses.INBOX_LIST, query.copy().put("accountId", accountId))).body();
  }

  private static String outboxStatus(String messageId) {
    JsonObject record = await(new Outbox(dynamo, "test").get(messageId));
    return record == null ? null : record.getString("status");
  }

  private static String form(LoggedRequest request) {
    return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
  }
}
