package cm.reeyo.console;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.identity.AccountKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operations console in headless Chromium against a real node: an operator's day in order (log in, watch a
 * rider move, approve a vendor, approve a payout, re-scale a verticle), a screenshot after each step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Operations console in a real browser")
class ConsoleTest {

  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final Duration SLOW = Duration.ofSeconds(20);

  @TempDir
  static Path conf;
  static ConsoleNode node;
  static Browser browser;
  static JsonObject rider;
  static String paidVendorId;

  @BeforeAll
  static void start() throws Exception {
    Browser.requireChromium();
    node = ConsoleNode.start(conf);
    browser = Browser.open();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  @Timeout(60)
  @DisplayName("the admin logs in with e-mail and password; the live feed from the socket bridge opens")
  void logsIn() throws Exception {
    browser.driver.get(node.consoleUrl());
    browser.waitFor(SLOW, d -> browser.find("#login-form").isDisplayed());
    browser.screenshot("01-login");
    browser.find("#login-email").sendKeys(ConsoleNode.ADMIN_EMAIL);
    browser.find("#login-password").sendKeys("wrong-password");
    browser.find("#login-submit").click();
    browser.waitFor(SLOW, d -> !browser.find("#login-error").getText().isEmpty());
    assertThat(browser.find("#app").isDisplayed()).as("a wrong password does not open the console").isFalse();

    browser.find("#login-password").clear();
    browser.find("#login-password").sendKeys(ConsoleNode.ADMIN_PASSWORD);
    browser.find("#login-submit").click();
    browser.waitFor(SLOW, d -> browser.find("#app").isDisplayed());
    browser.waitFor(SLOW, d -> browser.find("#live").getText().equals("feed: live"));
    assertThat((String) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
      .executeScript("return document.cookie")).as("no cookie: the bearer token lives in session storage").isEmpty();
    browser.screenshot("02-logged-in");
  }

  @Test
  @Order(2)
  @Timeout(60)
  @DisplayName("a rider online shows on the city view; a location it sends moves it live, through the bridge")
  void riderMoves() throws Exception {
    rider = node.onlineRider(4.0601, 9.7679);
    String id = rider.getString("riderId");
    show("queues");
    show("city");
    String row = "#rider-rows tr[data-rider-id='" + id + "']";
    browser.waitFor(SLOW, d -> !d.findElements(By.cssSelector(row)).isEmpty());
    assertThat(browser.find(row + " td.lat").getText()).isEqualTo("4.06010");

    node.rest.expect(200, "POST", "rider-api", "/api/v1/location", rider.getString("token"),
      new JsonObject().put("lat", 4.0702).put("lng", 9.7811).put("heading", 45).put("speed", 8));
    browser.waitFor(LIVE, d -> browser.find(row + " td.lat").getText().equals("4.07020"));
    assertThat(browser.find(row + " td.lng").getText()).isEqualTo("9.78110");
    browser.screenshot("03-city-rider-moved");
  }

  @Test
  @Order(3)
  @Timeout(60)
  @DisplayName("a pending vendor waits in the queue; Approve makes it APPROVED in the store and leaves the queue")
  void approvesVendor() throws Exception {
    String vendorId = node.pendingVendor("Mboa Grill");
    show("city");
    show("queues");
    String row = "#vendor-queue tr[data-id='" + vendorId + "']";
    browser.waitFor(SLOW, d -> !d.findElements(By.cssSelector(row)).isEmpty());
    assertThat(browser.find(row).getText()).contains("Mboa Grill");
    browser.screenshot("04-queues-vendor-waiting");
    browser.find(row + " button[data-action='approve']").click();
    browser.waitFor(SLOW, d -> d.findElements(By.cssSelector(row)).isEmpty());
    assertThat(ConsoleNode.await(node.accounts.get(AccountKind.VENDOR, vendorId)).getString("approvalStatus"))
      .isEqualTo("APPROVED");
  }

  @Test
  @Order(4)
  @Timeout(120)
  @DisplayName("a vendor's payout to a number that is not its verified one waits in the queue, marked; the explicit approval has Campay send it: PAID")
  void approvesPayout() throws Exception {
    node.rest.expect(200, "PUT", "rider-api", "/api/v1/status", rider.getString("token"), new JsonObject().put("isOnline", false));
    JsonObject vendor = node.openVendor(10_000);
    paidVendorId = vendor.getString("vendorId");
    JsonObject courier = node.onlineRider(4.0515, 9.7682);
    JsonObject customer = node.customer();
    deliverCashOrder(vendor, courier, customer);
    String vt = vendor.getString("token");
    long deadline = System.currentTimeMillis() + 20_000;
    while (node.rest.expect(200, "GET", "vendor-api", "/api/v1/wallet", vt, null).getLong("balance") < 5_000) {
      assertThat(System.currentTimeMillis()).as("the delivered order is settled to the vendor").isLessThan(deadline);
      Thread.sleep(200);
    }
    String payoutId = node.rest.expect(201, "POST", "vendor-api", "/api/v1/payouts", vt,
      new JsonObject().put("amount", 5_000).put("phone", "+237670000002")).getString("payoutId");

    show("city");
    show("queues");
    String row = "#payout-queue tr[data-id='" + payoutId + "']";
    browser.waitFor(SLOW, d -> !d.findElements(By.cssSelector(row)).isEmpty());
    assertThat(browser.find(row).getText()).contains("5").contains("XAF").contains("not the verified number");
    assertThat(browser.findAll(row + " button[data-action='approve']")).as("no plain approval to another number").isEmpty();
    browser.screenshot("05-queues-payout-waiting");
    browser.find(row + " button[data-action='approve-other']").click();
    browser.waitFor(SLOW, d -> d.findElements(By.cssSelector(row)).isEmpty());
    browser.waitFor(LIVE, d -> browser.find("#flash").getText().contains("PAID"));
    browser.screenshot("06-payout-approved");
    JsonArray paid = node.rest.expect(200, "GET", "admin-api", "/api/v1/payouts?status=PAID", adminToken(), null)
      .getJsonArray("items");
    assertThat(paid.stream().map(JsonObject.class::cast).map(p -> p.getString("payoutId"))).contains(payoutId);
  }

  @Test
  @Order(5)
  @Timeout(60)
  @DisplayName("cluster view: user-api 1 -> 2 from the console writes the override file, the node converges, the view shows 2; audited")
  void rescales() throws Exception {
    show("cluster");
    String node = "[data-node-name='" + ConsoleNode.NODE_NAME + "'] tr[data-verticle='user-api']";
    browser.waitFor(SLOW, d -> !d.findElements(By.cssSelector(node)).isEmpty());
    assertThat(browser.find(node + " td.instances").getText()).isEqualTo("1");
    browser.screenshot("07-cluster-before");
    WebElement input = browser.find(node + " input");
    input.clear();
    input.sendKeys("2");
    browser.find(node + " button[data-action='scale']").click();
    browser.waitFor(SLOW, d -> d.findElement(By.cssSelector(node + " td.instances")).getText().equals("2"));
    browser.screenshot("08-cluster-rescaled");
    JsonObject override = new JsonObject(Files.readString(ConsoleTest.node.overrideFile));
    assertThat(override.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(2);
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    JsonArray audit = ConsoleTest.node.rest.expect(200, "GET", "admin-api", "/api/v1/audit?day=" + day + "&limit=100",
      adminToken(), null).getJsonArray("items");
    assertThat(audit.stream().map(JsonObject.class::cast).filter(a -> "cluster.scale".equals(a.getString("action"))))
      .anySatisfy(a -> assertThat(a.getString("target")).isEqualTo(ConsoleNode.NODE_ID + "/user-api=2"));
  }

  @Test
  @Order(6)
  @Timeout(90)
  @DisplayName("money view proves the ledger and lists an account's entries; charts draw today's orders")
  void moneyAndCharts() throws Exception {
    show("money");
    browser.waitFor(SLOW, d -> browser.find("#money-today").getText().contains("revenue today"));
    browser.find("#recon-run").click();
    browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#recon-status").getText().equals("ledger balances"));
    browser.find("#ledger-owner").sendKeys(paidVendorId);
    browser.find("#ledger-form button").click();
    browser.waitFor(SLOW, d -> browser.find("#ledger-rows").getText()
      .replaceAll("[\\s\\u00a0\\u202f]", "").contains("8500XAF"));
    browser.screenshot("09-money");
    show("charts");
    Thread.sleep(1500);
    browser.screenshot("10-charts");
    show("city");
    Thread.sleep(1000);
    browser.screenshot("11-city");
  }

  @Test
  @Order(7)
  @DisplayName("/console/ answers a strict CSP naming the bridge, DENY framing, no cookie; its files hold no secret")
  void securityHeaders() throws Exception {
    HttpResponse<String> page = node.rest.call("GET", "admin-api", "/console/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    String bridge = "127.0.0.1:" + node.port("socket-bridge");
    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
      "connect-src 'self' http://" + bridge + " ws://" + bridge, "img-src 'self' data:").doesNotContain("unsafe");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    for (String file : new String[] {"/console/js/main.js", "/console/js/api.js", "/console/config.json"}) {
      String body = node.rest.call("GET", "admin-api", file, null, null).body();
      assertThat(body).doesNotContain(ConsoleNode.ADMIN_PASSWORD).doesNotContainIgnoringCase("secret")
        .doesNotContain(node.config.getJsonObject("jwt").getString("secret"));
    }
  }

  private static void show(String view) {
    browser.find("#nav a[data-view='" + view + "']").click();
    browser.waitFor(SLOW, d -> browser.find("#view-" + view).isDisplayed());
  }

  private static String adminToken() throws Exception {
    return node.rest.expect(200, "POST", "admin-api", "/api/v1/auth/login", null,
      new JsonObject().put("email", ConsoleNode.ADMIN_EMAIL).put("password", ConsoleNode.ADMIN_PASSWORD)).getString("token");
  }

  /** A 10,000 XAF CASH order placed, accepted, carried and delivered through the APIs. */
  private static void deliverCashOrder(JsonObject vendor, JsonObject courier, JsonObject customer) throws Exception {
    JsonObject order = node.rest.expect(201, "POST", "user-api", "/api/v1/orders", customer.getString("token"),
      new JsonObject().put("vendorId", vendor.getString("vendorId")).put("paymentMethod", "CASH")
        .put("items", new JsonArray().add(new JsonObject().put("itemId", vendor.getString("itemId")).put("quantity", 1)))
        .put("deliveryAddress", new JsonObject().put("lat", 4.0611).put("lng", 9.7679).put("line1", "Akwa").put("city", "Douala")));
    String path = "/api/v1/orders/" + order.getString("orderId");
    String code = node.rest.expect(200, "GET", "user-api", path, customer.getString("token"), null).getString("deliveryCode");
    String vt = vendor.getString("token");
    String rt = courier.getString("token");
    node.rest.expect(200, "POST", "vendor-api", path + "/accept", vt, new JsonObject());
    long deadline = System.currentTimeMillis() + 15_000;
    while (node.rest.call("POST", "rider-api", path + "/accept", rt, null).statusCode() != 200) {
      assertThat(System.currentTimeMillis()).as("the rider gets the offer and takes it").isLessThan(deadline);
      Thread.sleep(200);
    }
    node.rest.expect(200, "POST", "vendor-api", path + "/preparing", vt, new JsonObject());
    node.rest.expect(200, "POST", "vendor-api", path + "/ready", vt, new JsonObject());
    node.rest.expect(200, "POST", "rider-api", path + "/pickup", rt, null);
    node.rest.expect(200, "POST", "rider-api", path + "/deliver", rt, new JsonObject().put("code", code));
  }
}
