package cm.reeyo.orderflow;

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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
@DisplayName("Reviews with histogram and vendor replies, favourites, and order again at today's prices, over the HTTP APIs")
class ReviewsAndReorderTest {

  static final Map<String, Long> MENU = new LinkedHashMap<>(Map.of("Ndolé", 5000L, "Poulet DG", 7500L));

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return io.vertx.core.Future.all(p.customer(true, 100_000), p.vendor(MENU), p.rider("Rita", 4.0601, 9.7679));
      })
      .onComplete(ctx.succeeding(all -> {
        user = all.resultAt(0);
        vendor = all.resultAt(1);
        rider = all.resultAt(2);
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

  private String item(String name) {
    return vendor.getJsonObject("items").getString(name);
  }

  /** Places a WALLET order, runs it to delivery and rates it; answers the order id. */
  private String deliveredAndRated(int rating, String review) {
    HttpResponse<Buffer> placed = call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), Platform.lines(item("Ndolé"), 2, item("Poulet DG"), 1), "WALLET"));
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    String id = order.getString("orderId");
    HttpResponse<Buffer> delivered = p.runToDelivery(id, vendor, rider, order.getString("deliveryCode")).await();
    assertThat(delivered.bodyAsJsonObject().getString("status")).as(delivered.bodyAsString()).isEqualTo("DELIVERED");
    HttpResponse<Buffer> rated = call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + id + "/rating", user.getString("token"),
      new JsonObject().put("rating", rating).put("review", review));
    assertThat(rated.statusCode()).as(rated.bodyAsString()).isEqualTo(200);
    return id;
  }

  @Test
  @DisplayName("two rated orders: newest review first, histogram per star, cursor pages; the vendor replies to its own review only")
  void reviewsAndReplies() {
    String first = deliveredAndRated(4, "Bon ndolé");
    String second = deliveredAndRated(5, "Parfait");
    String path = "/api/v1/vendors/" + vendor.getString("vendorId") + "/reviews";
    String ut = user.getString("token");

    JsonObject all = call(HttpMethod.GET, p.userPort, path, ut, null).bodyAsJsonObject();
    assertThat(all.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("orderId"))).containsExactly(second, first);
    assertThat(all.getJsonObject("histogram")).isEqualTo(new JsonObject().put("1", 0).put("2", 0).put("3", 0).put("4", 1).put("5", 1));
    assertThat(all.getLong("ratingCount")).isEqualTo(2);
    assertThat(all.getJsonArray("items").getJsonObject(1).getString("review")).isEqualTo("Bon ndolé");
    assertThat(all.getJsonArray("items").getJsonObject(1).getString("author")).isEqualTo("John");

    JsonObject page1 = call(HttpMethod.GET, p.userPort, path + "?limit=1", ut, null).bodyAsJsonObject();
    assertThat(page1.getJsonArray("items")).hasSize(1);
    JsonObject page2 = call(HttpMethod.GET, p.userPort, path + "?limit=1&cursor=" + page1.getString("nextCursor"), ut, null)
      .bodyAsJsonObject();
    assertThat(page2.getJsonArray("items").getJsonObject(0).getString("orderId")).isEqualTo(first);
    assertError(call(HttpMethod.GET, p.userPort, path + "?cursor=bm90LWEtY3Vyc29y", ut, null), 400, "VALIDATION_FAILED");
    assertError(call(HttpMethod.GET, p.userPort, "/api/v1/vendors/vendor_nobody/reviews", ut, null), 404, "NOT_FOUND");

    String vt = vendor.getString("token");
    HttpResponse<Buffer> replied = call(HttpMethod.PUT, p.vendorPort, "/api/v1/reviews/" + first + "/reply", vt,
      new JsonObject().put("reply", "Merci, à bientôt"));
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(200);
    assertThat(replied.bodyAsJsonObject().getString("reply")).isEqualTo("Merci, à bientôt");
    assertError(call(HttpMethod.PUT, p.vendorPort, "/api/v1/reviews/" + first + "/reply", vt, new JsonObject().put("reply", "")),
      400, "VALIDATION_FAILED");
    assertError(call(HttpMethod.PUT, p.vendorPort, "/api/v1/reviews/" + first + "/reply", vt,
      new JsonObject().put("reply", "x").put("rating", 5)), 400, "VALIDATION_FAILED");
    JsonObject other = p.vendor(Map.of("Eru", 3000L)).await();
    assertError(call(HttpMethod.PUT, p.vendorPort, "/api/v1/reviews/" + first + "/reply", other.getString("token"),
      new JsonObject().put("reply", "Not mine")), 404, "NOT_FOUND");

    JsonObject mine = call(HttpMethod.GET, p.vendorPort, "/api/v1/reviews", vt, null).bodyAsJsonObject();
    assertThat(mine.getJsonArray("items")).hasSize(2);
    assertThat(mine.getJsonArray("items").getJsonObject(1).getString("reply")).isEqualTo("Merci, à bientôt");
    assertThat(call(HttpMethod.GET, p.vendorPort, "/api/v1/reviews", other.getString("token"), null).bodyAsJsonObject()
      .getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("favourites: add (idempotent), list with isOpen, unknown vendor 404, remove; reorder prices today's menu and skips what is gone")
  void favouritesAndReorder() {
    String ut = user.getString("token");
    String vendorId = vendor.getString("vendorId");
    assertThat(call(HttpMethod.PUT, p.userPort, "/api/v1/favourites/" + vendorId, ut, null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.PUT, p.userPort, "/api/v1/favourites/" + vendorId, ut, null).statusCode()).isEqualTo(200);
    JsonArray favourites = call(HttpMethod.GET, p.userPort, "/api/v1/favourites", ut, null).bodyAsJsonObject().getJsonArray("items");
    assertThat(favourites).hasSize(1);
    assertThat(favourites.getJsonObject(0).getString("vendorId")).isEqualTo(vendorId);
    assertThat(favourites.getJsonObject(0).getBoolean("isOpen")).isNotNull();
    assertError(call(HttpMethod.PUT, p.userPort, "/api/v1/favourites/vendor_nobody", ut, null), 404, "NOT_FOUND");
    assertThat(call(HttpMethod.DELETE, p.userPort, "/api/v1/favourites/" + vendorId, ut, null).bodyAsJsonObject()
      .getBoolean("favourite")).isFalse();
    assertThat(call(HttpMethod.GET, p.userPort, "/api/v1/favourites", ut, null).bodyAsJsonObject().getJsonArray("items")).isEmpty();

    HttpResponse<Buffer> placed = call(HttpMethod.POST, p.userPort, "/api/v1/orders", ut,
      Platform.placeBody(vendorId, Platform.lines(item("Ndolé"), 2, item("Poulet DG"), 1), "WALLET"));
    String orderId = placed.bodyAsJsonObject().getString("orderId");
    String vt = vendor.getString("token");
    assertThat(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + item("Ndolé"), vt, new JsonObject().put("price", 5500))
      .statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.PATCH, p.vendorPort, "/api/v1/menu/" + item("Poulet DG"), vt, new JsonObject().put("available", false))
      .statusCode()).isEqualTo(200);

    HttpResponse<Buffer> again = call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + orderId + "/reorder", ut, null);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    JsonObject preview = again.bodyAsJsonObject();
    assertThat(preview.getJsonArray("items")).hasSize(1);
    JsonObject line = preview.getJsonArray("items").getJsonObject(0);
    assertThat(line.getLong("price")).isEqualTo(5500);
    assertThat(line.getLong("previousPrice")).isEqualTo(5000);
    assertThat(preview.getLong("subtotal")).isEqualTo(11_000);
    assertThat(preview.getJsonArray("unavailable").getJsonObject(0).getString("name")).isEqualTo("Poulet DG");

    HttpResponse<Buffer> replaced = call(HttpMethod.POST, p.userPort, "/api/v1/orders", ut, preview.getJsonObject("placeBody"));
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(201);
    assertThat(replaced.bodyAsJsonObject().getLong("total")).as("the preview's total is what placement charges")
      .isEqualTo(preview.getLong("total"));

    JsonObject stranger = p.customer(true, 0).await();
    assertError(call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + orderId + "/reorder", stranger.getString("token"), null),
      404, "NOT_FOUND");
  }
}
