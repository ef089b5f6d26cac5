package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("Placement refuses bad input with the API error shape and leaves no order or payment behind")
class BadInputTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return Future.all(p.customer(true, 20_000), p.vendor(Map.of("Ndolé", 5000L, "Eru", 4000L)));
      })
      .compose(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        return p.call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + item("Eru"), vendor.getString("token"),
          new JsonObject().put("available", false));
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        ctx.completeNow();
      })));
  }

  String item(String name) {
    return vendor.getJsonObject("items").getString(name);
  }

  JsonObject body(JsonArray lines) {
    return Platform.placeBody(vendor.getString("vendorId"), lines, "WALLET");
  }

  record Case(String name, int status, String code, Supplier<Future<HttpResponse<Buffer>>> call) {
  }

  Future<HttpResponse<Buffer>> post(String token, JsonObject body) {
    return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", token, body);
  }

  @Test
  @DisplayName("unknown vendor, unavailable item, quantity 0, too far, missing address fields, wrong types, unverified phone, no funds")
  void refusals(VertxTestContext ctx) {
    String t = user.getString("token");
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("unknown vendor", 404, "NOT_FOUND",
      () -> post(t, body(Platform.lines(item("Ndolé"), 1)).put("vendorId", "vendor_nope"))));
    cases.add(new Case("unavailable item", 422, "ITEM_UNAVAILABLE", () -> post(t, body(Platform.lines(item("Eru"), 1)))));
    cases.add(new Case("unknown item", 422, "ITEM_UNAVAILABLE", () -> post(t, body(Platform.lines("item_nope", 1)))));
    cases.add(new Case("quantity 0", 400, "VALIDATION_FAILED", () -> post(t, body(Platform.lines(item("Ndolé"), 0)))));
    cases.add(new Case("quantity 51", 400, "VALIDATION_FAILED", () -> post(t, body(Platform.lines(item("Ndolé"), 51)))));
    cases.add(new Case("too far", 422, "OUT_OF_RANGE", () -> post(t, body(Platform.lines(item("Ndolé"), 1))
      .put("deliveryAddress", new JsonObject().put("lat", 4.25).put("lng", 9.7679).put("line1", "Far away")))));
    cases.add(new Case("missing address fields", 400, "VALIDATION_FAILED", () -> post(t, body(Platform.lines(item("Ndolé"), 1))
      .put("deliveryAddress", new JsonObject().put("lat", 4.1)))));
    cases.add(new Case("quantity as a string", 400, "VALIDATION_FAILED", () -> post(t, body(new JsonArray()
      .add(new JsonObject().put("itemId", item("Ndolé")).put("quantity", "2"))))));
    cases.add(new Case("unknown payment method", 400, "VALIDATION_FAILED", () -> post(t, body(Platform.lines(item("Ndolé"), 1))
      .put("paymentMethod", "BITCOIN"))));
    cases.add(new Case("mass assignment", 400, "VALIDATION_FAILED", () -> post(t, body(Platform.lines(item("Ndolé"), 1))
      .put("total", 1))));
    cases.add(new Case("malformed JSON", 400, "MALFORMED_JSON", () -> p.web.post(p.userPort, "127.0.0.1", "/api/v1/orders")
      .putHeader("Authorization", "Bearer " + t).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"vendorId\":"))));
    cases.add(new Case("no token", 401, "UNAUTHORIZED", () -> post(null, body(Platform.lines(item("Ndolé"), 1)))));
    cases.add(new Case("insufficient funds", 422, "INSUFFICIENT_FUNDS", () -> post(t, body(Platform.lines(item("Ndolé"), 5)))));
    Future<?> chain = p.customer(false, 20_000).compose(unverified -> {
      cases.add(new Case("phone not verified", 403, "PHONE_NOT_VERIFIED",
        () -> post(unverified.getString("token"), body(Platform.lines(item("Ndolé"), 1)))));
      return Future.succeededFuture();
    });
    for (int i = 0; i < 14; i++) {
      int index = i;
      chain = chain.compose(x -> {
        Case c = cases.get(index);
        return c.call().get().map(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(c.name() + ": " + r.bodyAsString()).isEqualTo(c.status());
            JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
            assertThat(error.getString("code")).as(c.name()).isEqualTo(c.code());
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getJsonArray("details")).isNotNull();
          });
          return null;
        });
      });
    }
    chain.compose(x -> Future.all(p.orderCount(), p.balance(user.getString("userId"), Role.USER), p.wallets.escrow(),
        p.wallets.transactions(user.getString("userId"), Role.USER)))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertThat((Long) all.resultAt(0)).as("no order left behind").isZero();
        assertThat((Long) all.resultAt(1)).as("no money moved").isEqualTo(20_000);
        assertThat((Long) all.resultAt(2)).as("nothing held in escrow").isZero();
        assertThat(Wallets.kinds(all.resultAt(3))).as("only the top-up in the statement").containsExactly("TOPUP:CREDIT");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("a closed or offline vendor takes no orders (422 VENDOR_CLOSED)")
  void closedVendor(VertxTestContext ctx) {
    String vt = vendor.getString("token");
    JsonObject closedAllWeek = new JsonObject();
    p.call(HttpMethod.PATCH, p.vendorPort, "/api/v1/profile", vt, new JsonObject().put("businessHours", closedAllWeek
        .put("mon", new JsonArray())))
      .compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        return post(user.getString("token"), body(Platform.lines(item("Ndolé"), 1)));
      })
      .compose(r -> {
        ctx.verify(() -> assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VENDOR_CLOSED"));
        return p.call(HttpMethod.PATCH, p.vendorPort, "/api/v1/profile", vt, new JsonObject().putNull("businessHours"));
      })
      .compose(r -> p.call(HttpMethod.PUT, p.vendorPort, "/api/v1/status", vt, new JsonObject().put("isOnline", false)))
      .compose(r -> post(user.getString("token"), body(Platform.lines(item("Ndolé"), 1))))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VENDOR_CLOSED");
        ctx.completeNow();
      })));
  }
}
