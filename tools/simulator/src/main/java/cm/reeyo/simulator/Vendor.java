package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A restaurant's tablet: a menu, online, new orders heard on the bridge (and a look at its PENDING orders every minute
 * in case an event was missed); accepts after a while, or rejects some, then prepares and readies with kitchen
 * times compressed by the pace.
 */
final class Vendor {

  private static final String[][] DISHES = {{"Ndolé", "3500"}, {"Poulet DG", "4500"}, {"Eru", "3000"},
    {"Poisson braisé", "5000"}, {"Koki", "1500"}, {"Achu", "3500"}, {"Beignets haricots", "1000"}, {"Jus de foléré", "800"}};

  /** The safety net's period: the platform's global limit is 100 requests / 15 min per address, polling must stay rare. */
  static final long LOOK_EVERY_MS = 60_000;

  final Session session;
  final Geo place;
  final SplittableRandom random;
  final List<String> items = new ArrayList<>();
  private final City city;
  private Bridge socket;

  Vendor(City city, Session session, Geo place, SplittableRandom random) {
    this.city = city;
    this.session = session;
    this.place = place;
    this.random = random;
  }

  /** Sets the place, builds the menu, goes online and opens the socket. */
  Future<Void> open() {
    Future<?> chain = city.http.ok(session, Http.Api.VENDOR, HttpMethod.PATCH, "/api/v1/profile", new JsonObject()
      .put("location", new JsonObject().put("lat", place.lat()).put("lng", place.lng()))
      .put("address", new JsonObject().put("line1", "Simulated kitchen").put("city", "Douala")), "vendor.profile");
    int dishes = 4 + random.nextInt(4);
    for (int i = 0; i < dishes; i++) {
      String[] dish = DISHES[(i + random.nextInt(DISHES.length)) % DISHES.length];
      chain = chain.compose(x -> city.http.ok(session, Http.Api.VENDOR, HttpMethod.POST, "/api/v1/menu",
          new JsonObject().put("name", dish[0] + " " + items.size()).put("price", Long.parseLong(dish[1])).put("available", true),
          "vendor.menu-item")
        .map(item -> items.add(item.getString("itemId"))));
    }
    return chain.compose(x -> city.http.ok(session, Http.Api.VENDOR, HttpMethod.PUT, "/api/v1/status",
        new JsonObject().put("isOnline", true), "vendor.online"))
      .compose(x -> {
        socket = city.socket(session, this::onMessage);
        return socket.open();
      })
      .map(s -> {
        s.register("client.vendor." + session.id);
        city.vertx.setPeriodic(LOOK_EVERY_MS, t -> lookAtPending());
        return null;
      });
  }

  /** One to three distinct dishes, one or two of each. */
  JsonArray pick(SplittableRandom r) {
    JsonArray lines = new JsonArray();
    int n = 1 + r.nextInt(Math.min(3, items.size()));
    int start = r.nextInt(items.size());
    for (int i = 0; i < n; i++) {
      lines.add(new JsonObject().put("itemId", items.get((start + i) % items.size())).put("quantity", 1 + r.nextInt(2)));
    }
    return lines;
  }

  private void onMessage(String address, JsonObject envelope) {
    if ("new_order".equals(envelope.getString("event"))) {
      handle(envelope.getJsonObject("data", new JsonObject()).getString("orderId"));
    }
  }

  private void lookAtPending() {
    if (city.stopped()) {
      return;
    }
    city.http.ok(session, Http.Api.VENDOR, HttpMethod.GET, "/api/v1/orders?status=PENDING&limit=20", null, "vendor.list-pending")
      .onSuccess(page -> page.getJsonArray("items", new JsonArray()).forEach(o -> handle(((JsonObject) o).getString("orderId"))));
  }

  private void handle(String orderId) {
    SimOrder order = city.order(orderId);
    if (order == null || order.handledByVendor) {
      return;
    }
    order.handledByVendor = true;
    city.vertx.setTimer(city.scaled(30 + random.nextInt(90)), t -> decide(order));
  }

  private void decide(SimOrder order) {
    if (order.finished()) {
      return;
    }
    boolean reject = random.nextDouble() < 0.07;
    String path = "/api/v1/orders/" + order.orderId + (reject ? "/reject" : "/accept");
    JsonObject body = reject ? new JsonObject().put("reason", "Out of ingredients")
      : new JsonObject().put("estimatedMinutes", 15 + random.nextInt(20));
    step(order, path, body, reject ? "vendor.reject" : "vendor.accept", reject ? "REJECTED" : "ACCEPTED")
      .onSuccess(ok -> {
        if (!ok) {
          return;
        }
        if (reject) {
          city.finish(order, "REJECTED");
          city.stats.count("rejected by vendor");
          return;
        }
        city.vertx.setTimer(city.scaled(20 + random.nextInt(60)), t -> step(order, "/api/v1/orders/" + order.orderId
            + "/preparing", new JsonObject(), "vendor.preparing", "PREPARING")
          .onSuccess(prep -> {
            if (prep) {
              city.vertx.setTimer(city.scaled(300 + random.nextInt(600)), t2 -> step(order, "/api/v1/orders/"
                + order.orderId + "/ready", new JsonObject(), "vendor.ready", "READY"));
            }
          }));
      });
  }

  /** One kitchen step; 409 means the customer (or the platform) cancelled meanwhile: answers whether it happened. */
  private Future<Boolean> step(SimOrder order, String path, JsonObject body, String name, String status) {
    if (order.finished()) {
      return Future.succeededFuture(false);
    }
    return city.http.call(session, Http.Api.VENDOR, HttpMethod.POST, path, body, name, Set.of(409)).map(r -> {
      if (r.ok()) {
        if (!order.finished() && !order.status.equals("PICKED_UP")) {
          order.status = status;
        }
        return true;
      }
      city.stats.count("vendor step after the order moved on");
      return false;
    });
  }
}
