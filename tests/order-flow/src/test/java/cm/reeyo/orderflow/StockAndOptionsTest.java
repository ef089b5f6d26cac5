package cm.reeyo.orderflow;

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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
@DisplayName("Menu item options priced server-side and stock checked atomically, over the HTTP APIs")
class StockAndOptionsTest {

  Platform p;
  JsonObject vendor;
  String itemId;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return p.vendor(Map.of("Poulet DG", 6000L));
      })
      .onComplete(ctx.succeeding(v -> {
        vendor = v;
        itemId = v.getJsonObject("items").getString("Poulet DG");
        ctx.completeNow();
      }));
  }

  private HttpResponse<Buffer> call(HttpMethod method, int port, String path, String token, JsonObject body) {
    return p.call(method, port, path, token, body).await();
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  private static JsonArray line(String itemId, int quantity, String... options) {
    return new JsonArray().add(new JsonObject().put("itemId", itemId).put("quantity", quantity)
      .put("options", new JsonArray(List.of((Object[]) options))));
  }

  private HttpResponse<Buffer> place(JsonObject customer, JsonArray lines) {
    return call(HttpMethod.POST, p.userPort, "/api/v1/orders", customer.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), lines, "CASH"));
  }

  private JsonObject menuItem(JsonObject customer) {
    HttpResponse<Buffer> menu = call(HttpMethod.GET, p.userPort, "/api/v1/vendors/" + vendor.getString("vendorId") + "/menu",
      customer.getString("token"), null);
    assertThat(menu.statusCode()).as(menu.bodyAsString()).isEqualTo(200);
    return menu.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
  }

  private HttpResponse<Buffer> stock(JsonObject body) {
    return call(HttpMethod.PUT, p.vendorPort, "/api/v1/menu/" + itemId + "/stock", vendor.getString("token"), body);
  }

  static JsonArray groups() {
    return new JsonArray()
      .add(new JsonObject().put("groupId", "size").put("name", "Size").put("min", 1).put("max", 1).put("options", new JsonArray()
        .add(new JsonObject().put("optionId", "small").put("name", "Small").put("priceDelta", 0))
        .add(new JsonObject().put("optionId", "large").put("name", "Large").put("priceDelta", 1500))))
      .add(new JsonObject().put("groupId", "extras").put("name", "Extras").put("min", 0).put("max", 2).put("options", new JsonArray()
        .add(new JsonObject().put("optionId", "plantain").put("name", "Plantain").put("priceDelta", 500))
        .add(new JsonObject().put("optionId", "egg").put("name", "Egg").put("priceDelta", 300))
        .add(new JsonObject().put("optionId", "cheese").put("name", "Cheese").put("priceDelta", 400))));
  }

  @Test
  @DisplayName("options: the vendor's groups on the menu, each line priced from the stored deltas; a client price, a missing size, too many extras, an unknown option: 400")
  void optionsPricedServerSide() {
    String vt = vendor.getString("token");
    JsonArray badGroups = groups().copy();
    badGroups.getJsonObject(0).put("min", 2);
    assertError(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + itemId, vt, new JsonObject().put("optionGroups", badGroups)),
      400, "VALIDATION_FAILED");
    JsonArray dupGroups = groups().copy();
    dupGroups.getJsonObject(1).getJsonArray("options").getJsonObject(0).put("optionId", "small");
    assertError(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + itemId, vt, new JsonObject().put("optionGroups", dupGroups)),
      400, "VALIDATION_FAILED");
    HttpResponse<Buffer> patched = call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + itemId, vt, new JsonObject().put("optionGroups", groups()));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);

    JsonObject user = p.customer(true, 0).await();
    JsonObject seen = menuItem(user);
    assertThat(seen.getJsonArray("optionGroups")).isEqualTo(groups());
    assertThat(seen.getJsonObject("stock").getString("state")).isEqualTo("AVAILABLE");

    JsonArray lines = line(itemId, 2, "large", "plantain", "egg");
    lines.addAll(line(itemId, 1, "small"));
    HttpResponse<Buffer> placed = place(user, lines);
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    JsonObject big = order.getJsonArray("items").getJsonObject(0);
    assertThat(big.getLong("price")).as("6000 + 1500 + 500 + 300").isEqualTo(8_300);
    assertThat(big.getLong("basePrice")).isEqualTo(6_000);
    assertThat(big.getLong("lineTotal")).isEqualTo(16_600);
    assertThat(big.getJsonArray("options")).hasSize(3);
    assertThat(order.getLong("subtotal")).isEqualTo(16_600 + 6_000);
    assertThat(order.getLong("total")).isEqualTo(22_600 + order.getLong("deliveryFee"));

    JsonArray priced = line(itemId, 1, "large");
    priced.getJsonObject(0).put("price", 1);
    assertError(place(user, priced), 400, "VALIDATION_FAILED");
    assertError(place(user, line(itemId, 1, "plantain")), 400, "VALIDATION_FAILED");
    assertError(place(user, line(itemId, 1, "small", "plantain", "egg", "cheese")), 400, "VALIDATION_FAILED");
    assertError(place(user, line(itemId, 1, "small", "caviar")), 400, "VALIDATION_FAILED");
    assertError(place(user, line(itemId, 1, "small", "small")), 400, "VALIDATION_FAILED");
    assertThat(p.orderCount().await()).isEqualTo(1);
  }

  @Test
  @DisplayName("a count of 3 and 20 customers at once: exactly 3 orders, the rest 422 ITEM_UNAVAILABLE; the cached menu follows; a cancellation gives one back, once")
  void lastItemRace() {
    for (JsonObject bad : new JsonObject[] {new JsonObject(), new JsonObject().put("mode", "SOME"),
      new JsonObject().put("mode", "COUNT"), new JsonObject().put("mode", "COUNT").put("count", -1),
      new JsonObject().put("mode", "AVAILABLE").put("count", 3)}) {
      assertError(stock(bad), 400, "VALIDATION_FAILED");
    }
    assertError(call(HttpMethod.PUT, p.vendorPort, "/api/v1/menu/item_nope/stock", vendor.getString("token"),
      new JsonObject().put("mode", "AVAILABLE")), 404, "NOT_FOUND");
    HttpResponse<Buffer> set = stock(new JsonObject().put("mode", "COUNT").put("count", 3));
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    assertThat(set.bodyAsJsonObject().getJsonObject("stock").getLong("remaining")).isEqualTo(3);

    List<Future<JsonObject>> made = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      made.add(p.customer(true, 0));
    }
    List<JsonObject> customers = Future.all(made).await().list();
    assertThat(menuItem(customers.get(0)).getJsonObject("stock").getLong("remaining")).as("cached now").isEqualTo(3);
    List<Future<HttpResponse<Buffer>>> placed = new ArrayList<>();
    for (JsonObject c : customers) {
      placed.add(p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", c.getString("token"),
        Platform.placeBody(vendor.getString("vendorId"), Platform.lines(itemId, 1), "CASH")));
    }
    List<HttpResponse<Buffer>> answers = Future.all(placed).await().list();
    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).statusCode() == 201) {
        winners.add(i);
      } else {
        assertError(answers.get(i), 422, "ITEM_UNAVAILABLE");
      }
    }
    assertThat(winners).hasSize(3);
    JsonObject after = menuItem(customers.get(0));
    assertThat(after.getJsonObject("stock").getLong("remaining")).isZero();
    assertThat(after.getBoolean("soldOut")).isTrue();

    JsonObject first = customers.get(winners.get(0));
    String path = "/api/v1/orders/" + answers.get(winners.get(0)).bodyAsJsonObject().getString("orderId") + "/cancel";
    assertThat(call(HttpMethod.POST, p.userPort, path, first.getString("token"), new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.POST, p.userPort, path, first.getString("token"), new JsonObject()).statusCode()).isEqualTo(409);
    assertThat(menuItem(first).getJsonObject("stock").getLong("remaining")).as("given back once").isEqualTo(1);
    assertThat(place(first, Platform.lines(itemId, 2)).statusCode()).as("only one left").isEqualTo(422);
    assertThat(place(first, Platform.lines(itemId, 1)).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("sold out today: the menu says so and placement refuses 422 ITEM_UNAVAILABLE until the vendor sets it available")
  void soldOutToday() {
    JsonObject user = p.customer(true, 0).await();
    assertThat(menuItem(user).getBoolean("soldOut")).isFalse();
    assertThat(stock(new JsonObject().put("mode", "SOLD_OUT_TODAY")).statusCode()).isEqualTo(200);
    JsonObject item = menuItem(user);
    assertThat(item.getJsonObject("stock").getString("state")).isEqualTo("SOLD_OUT_TODAY");
    assertThat(item.getBoolean("soldOut")).isTrue();
    assertError(place(user, Platform.lines(itemId, 1)), 422, "ITEM_UNAVAILABLE");
    assertThat(stock(new JsonObject().put("mode", "AVAILABLE")).statusCode()).isEqualTo(200);
    assertThat(place(user, Platform.lines(itemId, 1)).statusCode()).isEqualTo(201);
  }
}
