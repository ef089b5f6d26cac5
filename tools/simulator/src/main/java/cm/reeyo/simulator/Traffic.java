package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;

import java.util.SplittableRandom;

/**
 * The orders the city places: Poisson arrivals at the asked rate for the asked minutes, each from a customer drawn
 * from the seeded random, a quarter of them a reorder of the customer's last delivered order, with payment methods
 * in the proportions 40% WALLET, 30% CASH, 30% MOBILE_MONEY; about 6% are cancelled a little later.
 * In-flight orders are capped, so an overwhelmed platform slows the arrivals instead of growing the simulator.
 */
final class Traffic {

  static final int MAX_OPEN_ORDERS = 5_000;

  private final City city;
  private final SplittableRandom random;
  private long placedCount;

  Traffic(City city) {
    this.city = city;
    this.random = new SplittableRandom(city.options.seed() * 7919 + 1);
  }

  /** Places orders until {@code untilMs}; completes then. */
  Future<Void> run(long untilMs) {
    Promise<Void> done = Promise.promise();
    schedule(untilMs, done);
    return done.future();
  }

  private void schedule(long untilMs, Promise<Void> done) {
    double meanGapMs = 60_000 / city.options.ratePerMinute();
    long gap = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs));
    if (System.currentTimeMillis() + gap >= untilMs) {
      city.vertx.setTimer(Math.max(1, untilMs - System.currentTimeMillis()), t -> done.tryComplete());
      return;
    }
    city.vertx.setTimer(gap, t -> {
      if (city.openOrders() < MAX_OPEN_ORDERS) {
        placeOne();
      } else {
        city.stats.count("arrivals skipped (too many open orders)");
      }
      schedule(untilMs, done);
    });
  }

  private void placeOne() {
    Customer customer = city.customers.get(random.nextInt(city.customers.size()));
    SimOrder last = customer.last;
    boolean reorder = last != null && "DELIVERED".equals(last.status) && random.nextDouble() < 0.25;
    Vendor vendor = reorder ? last.vendor : city.vendors.get(random.nextInt(city.vendors.size()));
    JsonArray lines = vendor.pick(random);
    double m = random.nextDouble();
    String method = m < 0.4 ? "WALLET" : m < 0.7 ? "CASH" : "MOBILE_MONEY";
    boolean cancel = random.nextDouble() < 0.06;
    long cancelAfter = city.scaled(20 + random.nextInt(60));
    String key = "sim-" + city.runTag + "-" + city.options.seed() + "-" + (++placedCount);
    if (reorder) {
      city.stats.count("reorders");
    }
    customer.order(vendor, lines, method, key, false).onSuccess(order -> {
      if (cancel) {
        customer.maybeCancel(order, cancelAfter);
      }
    });
  }
}
