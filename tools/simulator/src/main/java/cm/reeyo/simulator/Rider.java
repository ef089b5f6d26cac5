package cm.reeyo.simulator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * A rider's phone: online, moving every two seconds along straight paths at a motorbike's speed (times the pace) and
 * sending each position over the bridge ({@code rider.v1.location}); hears offers on the bridge (and looks at
 * {@code GET /offers} when idle), takes most, lets some time out; rides to the restaurant, picks up when ready, rides
 * to the customer and delivers with the customer's code. A rider whose collected cash runs deep hands it in to the admin.
 */
final class Rider {

  private static final long TICK_MS = 2_000;
  /** Idle riders look at {@code GET /offers} this rarely: the global limit is 100 requests / 15 min per address. */
  private static final long OFFERS_LOOK_EVERY_MS = 30_000;
  private static final double CASH_HAND_IN_BELOW = -30_000;

  enum State { IDLE, TO_VENDOR, AT_VENDOR, TO_CUSTOMER }

  final Session session;
  final SplittableRandom random;
  private final City city;
  private final double metresPerSecond;
  private Geo position;
  private Geo target;
  private State state = State.IDLE;
  private SimOrder job;
  private Bridge socket;
  private boolean busyCall;
  private int deposits;
  private long lastOfferLook;
  /** The bridge takes one fix per second per rider: timers bunched on a busy machine must not send two. */
  private long lastFix;

  Rider(City city, Session session, Geo start, SplittableRandom random) {
    this.city = city;
    this.session = session;
    this.position = start;
    this.random = random;
    this.metresPerSecond = 6 + random.nextDouble() * 4;
  }

  void goOnline() {
    city.http.ok(session, Http.Api.RIDER, HttpMethod.PUT, "/api/v1/status", new JsonObject().put("isOnline", true)
        .put("lat", position.lat()).put("lng", position.lng()), "rider.online")
      .compose(v -> {
        socket = city.socket(session, this::onMessage);
        return socket.open();
      })
      .onSuccess(s -> {
        s.register("client.rider." + session.id);
        city.vertx.setPeriodic(TICK_MS + random.nextInt(200), t -> tick());
      });
  }

  private void tick() {
    if (city.stopped()) {
      return;
    }
    if (target == null || position.equals(target)) {
      arrived();
    }
    if (target != null && System.currentTimeMillis() - lastFix >= 1_100) {
      lastFix = System.currentTimeMillis();
      Geo next = position.towards(target, metresPerSecond * city.pace() * TICK_MS / 1000.0);
      double heading = position.headingTo(next);
      position = next;
      socket.request("rider.v1.location", new JsonObject().put("lat", position.lat()).put("lng", position.lng())
          .put("heading", heading).put("speed", Math.min(100, Math.round(metresPerSecond * 10) / 10.0)))
        .onSuccess(r -> city.stats.count("locations sent"))
        .onFailure(f -> city.stats.error("rider.location", f.getMessage()));
    }
    if (state == State.IDLE && System.currentTimeMillis() - lastOfferLook > OFFERS_LOOK_EVERY_MS) {
      lastOfferLook = System.currentTimeMillis();
      city.http.ok(session, Http.Api.RIDER, HttpMethod.GET, "/api/v1/offers", null, "rider.list-offers")
        .onSuccess(page -> page.getJsonArray("items", new io.vertx.core.json.JsonArray())
          .forEach(o -> offered(((JsonObject) o).getString("orderId"), (JsonObject) o)));
    }
  }

  private void arrived() {
    switch (state) {
      case IDLE -> target = Geo.DOUALA_CENTRE.around(random, 0.2, 3);
      case TO_VENDOR -> {
        state = State.AT_VENDOR;
        target = null;
        pickUp();
      }
      case AT_VENDOR -> pickUp();
      case TO_CUSTOMER -> deliver();
    }
  }

  private void onMessage(String address, JsonObject envelope) {
    String event = envelope.getString("event", "");
    JsonObject data = envelope.getJsonObject("data", new JsonObject());
    if (event.equals("new_order")) {
      offered(data.getString("orderId"), data);
    } else if (event.equals("order_ready") && state == State.AT_VENDOR && job != null
      && job.orderId.equals(data.getString("orderId"))) {
      pickUp();
    }
  }

  private void offered(String orderId, JsonObject offer) {
    SimOrder order = city.order(orderId);
    if (order == null || state != State.IDLE || busyCall || order.finished() || order.rider != null) {
      return;
    }
    if (!order.offeredTo.add(session.id)) {
      return;
    }
    if (random.nextDouble() < 0.12) {
      city.stats.count("offers let time out");
      return;
    }
    busyCall = true;
    city.vertx.setTimer(500 + random.nextInt(2_500), t -> city.http.call(session, Http.Api.RIDER, HttpMethod.POST,
        "/api/v1/orders/" + orderId + "/accept", null, "rider.accept-offer", Set.of(404, 409))
      .onComplete(ar -> busyCall = false)
      .onSuccess(r -> {
        if (!r.ok()) {
          city.stats.count("offers taken by another rider");
          return;
        }
        order.rider = this;
        job = order;
        state = State.TO_VENDOR;
        JsonObject pickup = offer.getJsonObject("pickup");
        target = pickup != null && pickup.getDouble("lat") != null
          ? new Geo(pickup.getDouble("lat"), pickup.getDouble("lng")) : order.vendor.place;
      }));
  }

  private void pickUp() {
    if (busyCall || job == null) {
      return;
    }
    if (job.finished()) {
      city.stats.count("rider's order cancelled before pickup");
      idle();
      return;
    }
    if (!job.status.equals("READY")) {
      return;
    }
    busyCall = true;
    SimOrder order = job;
    city.http.call(session, Http.Api.RIDER, HttpMethod.POST, "/api/v1/orders/" + order.orderId + "/pickup", null,
        "rider.pickup", Set.of(409))
      .onComplete(ar -> busyCall = false)
      .onSuccess(r -> {
        if (r.ok()) {
          order.status = "PICKED_UP";
          state = State.TO_CUSTOMER;
          target = order.customer.home;
        }
      });
  }

  private void deliver() {
    if (busyCall || job == null) {
      return;
    }
    busyCall = true;
    SimOrder order = job;
    city.http.ok(session, Http.Api.RIDER, HttpMethod.POST, "/api/v1/orders/" + order.orderId + "/deliver",
        new JsonObject().put("code", order.code), "rider.deliver")
      .onComplete(ar -> busyCall = false)
      .onSuccess(r -> {
        city.finish(order, "DELIVERED");
        order.customer.delivered(order);
        if ("CASH".equals(order.method)) {
          handInCashIfDeep();
        }
        idle();
      })
      .onFailure(f -> {
        city.stats.count("deliveries refused");
        idle();
      });
  }

  private void handInCashIfDeep() {
    city.http.ok(session, Http.Api.RIDER, HttpMethod.GET, "/api/v1/wallet", null, "rider.wallet")
      .onSuccess(w -> {
        long balance = w.getLong("balance", 0L);
        if (balance < CASH_HAND_IN_BELOW) {
          city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.POST, "/api/v1/riders/" + session.id + "/cash-deposits",
              new JsonObject().put("amount", -balance).put("reference", "sim-" + session.id + "-" + (++deposits)),
              "admin.cash-deposit")
            .onSuccess(d -> city.stats.count("cash hand-ins"));
        }
      });
  }

  private void idle() {
    job = null;
    state = State.IDLE;
    target = Geo.DOUALA_CENTRE.around(random, 0.2, 3);
  }
}
