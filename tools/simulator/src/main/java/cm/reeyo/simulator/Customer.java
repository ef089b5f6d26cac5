package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A customer's app: tops the wallet up through Campay, places orders with each payment method (paying mobile-money
 * orders when Campay's webhook arrives), tracks them over the bridge, sometimes cancels, rates and reorders.
 */
final class Customer {

  final Session session;
  final String phone;
  final Geo home;
  final SplittableRandom random;
  private final City city;
  Bridge socket;
  SimOrder last;
  int tracking;

  Customer(City city, Session session, String phone, Geo home, SplittableRandom random) {
    this.city = city;
    this.session = session;
    this.phone = phone;
    this.home = home;
    this.random = random;
  }

  Future<Void> openSocket() {
    socket = city.socket(session, this::onMessage);
    return socket.open().map(s -> {
      s.register("client.user." + session.id);
      return null;
    });
  }

  /** Money in the way real money enters: a Campay collection, then Campay's signed SUCCESSFUL webhook. */
  Future<Void> topUp(long amount) {
    return city.http.ok(session, Http.Api.USER, HttpMethod.POST, "/api/v1/wallet/topup",
        new JsonObject().put("amount", amount).put("phone", phone), "customer.topup")
      .compose(p -> confirm(p.getString("reference"), p.getString("paymentId"), amount, "campay.webhook.topup"));
  }

  /** Places an order; a WALLET order short of funds tops up once and tries again; MOBILE_MONEY is then paid. */
  Future<SimOrder> order(Vendor vendor, JsonArray lines, String method, String idempotencyKey, boolean retried) {
    JsonObject body = new JsonObject().put("vendorId", vendor.session.id).put("items", lines).put("paymentMethod", method)
      .put("deliveryAddress", new JsonObject().put("lat", home.lat()).put("lng", home.lng())
        .put("line1", "Simulated street " + session.id.hashCode() % 100).put("city", "Douala"));
    return place(body, idempotencyKey, retried, 3)
      .compose(r -> {
        if (r.status() == 422) {
          if (!r.code().endsWith("INSUFFICIENT_FUNDS")) {
            city.stats.error("customer.place-order", r.code());
            return Future.failedFuture(new Http.Failed("order refused: " + r.code()));
          }
          city.stats.count("wallet top-ups after insufficient funds");
          return topUp(50_000).compose(v -> order(vendor, lines, method, idempotencyKey + "r", true));
        }
        JsonObject o = r.body();
        SimOrder order = new SimOrder(o.getString("orderId"), this, vendor, method, o.getLong("total"),
          o.getString("deliveryCode"), o.getString("status"));
        city.placed(order);
        if (tracking < 12) {
          tracking++;
          order.tracked = true;
          socket.register("client.order." + order.orderId);
        }
        last = order;
        return "MOBILE_MONEY".equals(method) ? payByMobileMoney(order).map(order) : Future.succeededFuture(order);
      });
  }

  /**
   * One placement; a 5xx or no answer is retried with the same Idempotency-Key (as the app does), which answers
   * the order if the first attempt did place it.
   */
  private Future<Http.Reply> place(JsonObject body, String idempotencyKey, boolean retried, int attemptsLeft) {
    return city.http.call(session, Http.Api.USER, HttpMethod.POST, "/api/v1/orders", body, "customer.place-order",
        retried ? Set.of() : Set.of(422), idempotencyKey)
      .recover(f -> {
        if (attemptsLeft <= 1) {
          return Future.failedFuture(f);
        }
        city.stats.count("placements retried with the same Idempotency-Key");
        io.vertx.core.Promise<Http.Reply> later = io.vertx.core.Promise.promise();
        city.vertx.setTimer(2_000, t -> place(body, idempotencyKey, retried, attemptsLeft - 1).onComplete(later));
        return later.future();
      });
  }

  /** The app refreshes its order list: orders the platform holds that this phone never got an answer for. */
  Future<Void> adoptUnknownOrders() {
    return city.http.ok(session, Http.Api.USER, HttpMethod.GET, "/api/v1/orders?limit=100", null, "customer.list-orders")
      .map(page -> {
        for (Object item : page.getJsonArray("items", new JsonArray())) {
          JsonObject o = (JsonObject) item;
          if (city.order(o.getString("orderId")) == null) {
            Vendor vendor = city.vendors.stream().filter(v -> v.session.id.equals(o.getString("vendorId"))).findFirst()
              .orElse(city.vendors.get(0));
            SimOrder adopted = new SimOrder(o.getString("orderId"), this, vendor, o.getString("paymentMethod"),
              o.getLong("total", 0L), o.getString("deliveryCode"), o.getString("status"));
            adopted.paid = "PAID".equals(o.getString("paymentStatus"));
            city.placed(adopted);
            city.stats.count("orders found only in the app's list");
            String serverStatus = o.getString("status", "");
            if (List.of("DELIVERED", "CANCELLED", "REJECTED").contains(serverStatus)) {
              city.finish(adopted, serverStatus);
            }
          }
        }
        return null;
      });
  }

  /** The customer approves the USSD prompt: Campay's webhook for the order's collection arrives. */
  private Future<Void> payByMobileMoney(SimOrder order) {
    return city.fakes.collection(order.orderId).compose(c -> {
      String paymentId = c.getString("external_reference");
      long amount = Long.parseLong(String.valueOf(c.getValue("amount")));
      return confirm(City.COLLECT_REFERENCE_PREFIX + paymentId, paymentId, amount, "campay.webhook.order");
    }).onSuccess(v -> {
      order.paid = true;
      if ("AWAITING_PAYMENT".equals(order.status)) {
        order.status = "PENDING";
      }
    }).onFailure(f -> city.stats.error("customer.pay-mobile-money", f instanceof Http.Failed ? "see step" : "fake"));
  }

  private Future<Void> confirm(String reference, String paymentId, long amount, String step) {
    return city.fakes.succeed(reference, paymentId, amount)
      .compose(stub -> city.http.ok(session, Http.Api.USER, HttpMethod.POST, "/api/v1/payments/campay/webhook",
          city.fakes.webhook(reference, paymentId, amount, "SUCCESSFUL"), step)
        .compose(r -> r.getBoolean("applied", false) ? Future.<Void>succeededFuture()
          : Future.failedFuture(new Http.Failed("webhook not applied: " + r.encode())))
        .andThen(ar -> city.fakes.forget(stub)));
  }

  /** Changes their mind a little later: cancels if still PENDING or ACCEPTED (too late is fine). */
  void maybeCancel(SimOrder order, long afterMs) {
    city.vertx.setTimer(afterMs, t -> {
      if (order.finished() || !(order.status.equals("PENDING") || order.status.equals("ACCEPTED"))) {
        return;
      }
      city.http.call(session, Http.Api.USER, HttpMethod.POST, "/api/v1/orders/" + order.orderId + "/cancel",
          new JsonObject().put("reason", "changed my mind"), "customer.cancel", Set.of(409))
        .onSuccess(r -> {
          if (r.ok()) {
            city.finish(order, "CANCELLED");
            city.stats.count("cancelled by customer");
          } else {
            city.stats.count("cancel too late");
          }
        });
    });
  }

  void finished(SimOrder order) {
    if (order.tracked) {
      order.tracked = false;
      tracking--;
      socket.unregister("client.order." + order.orderId);
    }
  }

  void delivered(SimOrder order) {
    if (random.nextDouble() < 0.7) {
      int stars = random.nextDouble() < 0.8 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
      city.http.ok(session, Http.Api.USER, HttpMethod.POST, "/api/v1/orders/" + order.orderId + "/rating",
        new JsonObject().put("rating", stars).put("review", "simulated"), "customer.rate")
        .onSuccess(r -> city.stats.count("ratings"));
    }
  }

  private void onMessage(String address, JsonObject envelope) {
    city.stats.count("customer events");
    JsonObject data = envelope.getJsonObject("data", new JsonObject());
    String event = envelope.getString("event", "");
    if (event.equals("rider_location_update")) {
      city.stats.count("rider positions tracked");
      return;
    }
    SimOrder order = city.order(data.getString("orderId"));
    if (order == null || order.finished()) {
      return;
    }
    switch (event) {
      case "order_cancelled" -> city.finish(order, "CANCELLED");
      case "order_rejected" -> city.finish(order, "REJECTED");
      case "payment_failed" -> city.finish(order, "CANCELLED");
      default -> {
      }
    }
  }
}
