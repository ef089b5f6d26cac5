package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The simulated city: its people (built from one seeded random, in a fixed order, so a seed replays the same
 * decisions), the orders they placed, and the shared means (HTTP, fakes, sockets, stats). Everything runs on one
 * event loop, so nothing here is shared between threads.
 */
final class City {

  static final String COLLECT_REFERENCE_PREFIX = "sim-";
  private static final int ONBOARDING_PARALLELISM = 4;

  final Vertx vertx;
  final SimOptions options;
  final Stats stats = new Stats();
  final Http http;
  final Fakes fakes;
  final List<Customer> customers = new ArrayList<>();
  final List<Vendor> vendors = new ArrayList<>();
  final List<Rider> riders = new ArrayList<>();
  private final List<Bridge> bridges = new ArrayList<>();
  final Map<String, SimOrder> orders = new LinkedHashMap<>();
  final SplittableRandom random;
  final String runTag;
  Session admin;
  private final WebSocketClient sockets;
  private final WebClient fakesAdmin;
  private boolean stopped;
  private int open;
  private String collectStub;

  City(Vertx vertx, SimOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.http = new Http(vertx, options.endpoints(), stats);
    this.fakes = new Fakes(vertx, options.fakesUrl(), Fakes.DEV_WEBHOOK_KEY);
    this.fakesAdmin = WebClient.create(vertx);
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    this.runTag = String.format("%04d", (System.currentTimeMillis() / 1000) % 10_000);
  }

  Bridge socket(Session session, BiConsumer<String, JsonObject> onMessage) {
    Bridge bridge = new Bridge(vertx, sockets, options.endpoints(), session, stats, onMessage,
      force -> http.freshen(session, Bridge.RENEW_MARGIN_MS, force));
    bridges.add(bridge);
    return bridge;
  }

  double pace() {
    return options.pace();
  }

  /** A realistic duration in seconds, compressed by the pace, in milliseconds. */
  long scaled(double realisticSeconds) {
    return Math.max(200, Math.round(realisticSeconds * 1000 / options.pace()));
  }

  boolean stopped() {
    return stopped;
  }

  void stop() {
    stopped = true;
  }

  SimOrder order(String orderId) {
    return orderId == null ? null : orders.get(orderId);
  }

  void placed(SimOrder order) {
    orders.put(order.orderId, order);
    open++;
    stats.count("placed " + order.method);
  }

  void finish(SimOrder order, String status) {
    if (order.finished()) {
      return;
    }
    order.status = status;
    order.finishedAt = System.currentTimeMillis();
    open--;
    stats.latency("order." + status.toLowerCase(), order.finishedAt - order.placedAt);
    order.customer.finished(order);
    if (status.equals("DELIVERED")) {
      stats.delivered(order.finishedAt);
      stats.count("delivered " + order.method);
    }
  }

  int openOrders() {
    return open;
  }

  /**
   * Builds the city: the admin logs in; the Campay fake answers this run's collections with a reference the customer
   * can find again; vendors, riders and customers are onboarded a few at a time; vendors open, riders go online,
   * customers top up and open their sockets.
   */
  Future<Void> build() {
    Onboarding[] onboarding = new Onboarding[1];
    return Onboarding.admin(http, options.adminEmail(), options.adminPassword())
      .compose(a -> {
        admin = a;
        onboarding[0] = new Onboarding(http, fakes, admin);
        return installCollectStub();
      })
      .compose(v -> inBatches(options.vendors(), i -> {
        SplittableRandom r = random.split();
        Session s = new Session("vendor", ip(2, i));
        String phone = phone(7, i);
        Geo place = Geo.DOUALA_CENTRE.around(r, 0.3, 2.5);
        return onboarding[0].onboard(s, Http.Api.VENDOR, new JsonObject().put("businessName", "Sim Kitchen " + i)
            .put("ownerName", "Owner " + i).put("phone", phone).put("email", email("vendor", i)).put("language", "en"), "vendors")
          .compose(x -> {
            Vendor vendor = new Vendor(this, s, place, r);
            vendors.add(vendor);
            return vendor.open();
          });
      }))
      .compose(v -> inBatches(options.riders(), i -> {
        SplittableRandom r = random.split();
        Session s = new Session("rider", ip(3, i));
        return onboarding[0].onboard(s, Http.Api.RIDER, new JsonObject().put("firstName", "Rider").put("lastName", "N" + i)
            .put("phone", phone(8, i)).put("email", email("rider", i)).put("vehicleType", "MOTORCYCLE")
            .put("vehicleNumber", "LT-" + runTag + "-" + i).put("language", "en"), "riders")
          .map(x -> {
            Rider rider = new Rider(this, s, Geo.DOUALA_CENTRE.around(r, 0.2, 2.5), r);
            riders.add(rider);
            rider.goOnline();
            return null;
          });
      }))
      .compose(v -> inBatches(options.customers(), i -> {
        SplittableRandom r = random.split();
        Session s = new Session("user", ip(1, i));
        String phone = phone(5, i);
        return onboarding[0].onboard(s, Http.Api.USER, new JsonObject().put("firstName", "Customer").put("lastName", "N" + i)
            .put("phone", phone).put("email", email("customer", i)).put("language", "en"), null)
          .compose(x -> {
            Customer c = new Customer(this, s, phone, Geo.DOUALA_CENTRE.around(r, 0.5, 4), r);
            customers.add(c);
            return c.openSocket().compose(y -> c.topUp(30_000 + 10_000L * r.nextInt(4)));
          });
      }))
      .map(v -> {
        vendors.sort(java.util.Comparator.comparing(x -> x.session.ip));
        riders.sort(java.util.Comparator.comparing(x -> x.session.ip));
        customers.sort(java.util.Comparator.comparing(x -> x.session.ip));
        return null;
      });
  }

  /**
   * While the run lasts, the Campay fake answers collections with {@code sim-<external_reference>}: the customer's
   * phone then finds its payment again from the collection request alone. Removed by {@link #close}.
   */
  private Future<Void> installCollectStub() {
    JsonObject stub = new JsonObject()
      .put("request", new JsonObject().put("method", "POST").put("urlPathPattern", "(/api)?/collect/"))
      .put("response", new JsonObject().put("status", 200).put("headers", new JsonObject().put("Content-Type", "application/json"))
        .put("body", "{\"reference\":\"" + COLLECT_REFERENCE_PREFIX + "{{jsonPath request.body '$.external_reference'}}\","
          + "\"ussd_code\":\"*126#\",\"operator\":\"MTN\"}")
        .put("transformers", new io.vertx.core.json.JsonArray().add("response-template")))
      .put("priority", 1);
    return fakesAdmin.postAbs(base() + "/__admin/mappings").sendJsonObject(stub).compose(r -> {
      if (r.statusCode() >= 300) {
        return Future.failedFuture("the fakes at " + options.fakesUrl() + " refused a stub: " + r.statusCode());
      }
      collectStub = r.bodyAsJsonObject().getString("id");
      return Future.succeededFuture();
    });
  }

  private String base() {
    String b = options.fakesUrl();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private Future<Void> inBatches(int count, Function<Integer, Future<?>> one) {
    Promise<Void> done = Promise.promise();
    int[] next = {0};
    int[] running = {0};
    Throwable[] failure = {null};
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (failure[0] == null && running[0] < ONBOARDING_PARALLELISM && next[0] < count) {
        int i = next[0]++;
        running[0]++;
        one.apply(i).onComplete(ar -> {
          running[0]--;
          if (ar.failed() && failure[0] == null) {
            failure[0] = ar.cause();
          }
          pump[0].run();
        });
      }
      if (running[0] == 0 && (next[0] >= count || failure[0] != null)) {
        if (failure[0] != null) {
          done.tryFail(failure[0]);
        } else {
          done.tryComplete();
        }
      }
    };
    pump[0].run();
    return done.future();
  }

  private String phone(int kindDigit, int i) {
    return "+2376" + kindDigit + runTag + String.format("%03d", i);
  }

  private String email(String kind, int i) {
    return "sim-" + kind + "-" + runTag + "-" + i + "-" + options.seed() + "@sim.reeyo.dev";
  }

  private static String ip(int kind, int i) {
    return "10." + kind + "." + (i / 250) + "." + (1 + i % 250);
  }

  Future<Void> close() {
    stopped = true;
    Future<?> removed = collectStub == null ? Future.succeededFuture()
      : fakesAdmin.deleteAbs(base() + "/__admin/mappings/" + collectStub).send();
    return removed.transform(ar -> Future.all(bridges.stream().map(Bridge::close).toList())).transform(ar -> {
      http.close();
      fakes.close();
      fakesAdmin.close();
      return sockets.close();
    });
  }
}
