package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The money checks of the final summary, through the admin API only: the ledger reconciles (balances sum to zero,
 * no wallet differs from its entries, every transfer balances); escrow grew by exactly the totals of this run's
 * paid orders still open; every delivered order is SETTLED, with one settlement credit on its vendor's statement.
 */
final class Invariants {

  private final City city;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Object> figures = new java.util.LinkedHashMap<>();

  Invariants(City city) {
    this.city = city;
  }

  List<String> failures() {
    return failures;
  }

  Map<String, Object> figures() {
    return figures;
  }

  /**
   * What all escrow shards hold: each shard's entries summed (credits minus debits), page by page. The newest
   * entry's balanceAfter is not enough: entries of one millisecond do not come back in the order they were written.
   */
  Future<Long> escrow() {
    List<Future<Long>> shards = new ArrayList<>();
    for (int i = 0; i < city.options.escrowShards(); i++) {
      shards.add(entriesSum("sys_escrow%23" + i, null, 0L));
    }
    return Future.all(shards).map(all -> {
      long sum = 0;
      for (int i = 0; i < all.size(); i++) {
        sum += all.<Long>resultAt(i);
      }
      return sum;
    });
  }

  private Future<Long> entriesSum(String walletPath, String cursor, long sumSoFar) {
    String path = "/api/v1/wallets/" + walletPath + "/transactions?limit=100" + (cursor == null ? ""
      : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
    return city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, path, null, "admin.escrow").compose(page -> {
      long sum = sumSoFar;
      for (Object e : page.getJsonArray("items", new JsonArray())) {
        JsonObject entry = (JsonObject) e;
        long amount = entry.getLong("amount", 0L);
        sum += "DEBIT".equals(entry.getString("type")) ? -amount : amount;
      }
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture(sum) : entriesSum(walletPath, next, sum);
    });
  }

  Future<Void> check(long escrowAtStart) {
    return reconciliation()
      .compose(v -> escrowMatches(escrowAtStart, 15))
      .compose(v -> settledOnce())
      .recover(f -> {
        failures.add("the checks could not finish: " + f.getMessage());
        return Future.succeededFuture();
      });
  }

  private Future<Void> reconciliation() {
    return city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, "/api/v1/reconciliation", null, "admin.reconciliation")
      .map(r -> {
        figures.put("reconciliation", r.copy().put("mismatches", r.getJsonArray("mismatches", new JsonArray()).size())
          .put("unbalancedTransfers", r.getJsonArray("unbalancedTransfers", new JsonArray()).size()));
        if (!r.getBoolean("ok", false) || r.getLong("sumOfBalances", -1L) != 0) {
          failures.add("reconciliation is not zero: " + r.encode());
        }
        return null;
      });
  }

  /** Escrow moved by the open paid orders' totals (settlements and refunds may lag a little: a few tries). */
  private Future<Void> escrowMatches(long atStart, int tries) {
    long openPaid = city.orders.values().stream().filter(o -> !o.finished() && o.paid).mapToLong(o -> o.total).sum();
    return escrow().compose(now -> {
      figures.put("escrow at start", atStart);
      figures.put("escrow at end", now);
      figures.put("open paid orders' totals", openPaid);
      if (now - atStart == openPaid) {
        return Future.succeededFuture();
      }
      if (tries <= 1) {
        failures.add("escrow moved by " + (now - atStart) + " XAF but this run's open paid orders total " + openPaid);
        return moneyStillHeld();
      }
      Promise<Void> later = Promise.promise();
      city.vertx.setTimer(2_000, t -> escrowMatches(atStart, tries - 1).onComplete(later));
      return later.future();
    });
  }

  /** Names this run's finished orders whose money the platform still holds (PAID, or a refund/settlement pending). */
  private Future<Void> moneyStillHeld() {
    Future<Void> chain = Future.succeededFuture();
    for (SimOrder o : city.orders.values()) {
      if (!o.finished() || "CASH".equals(o.method)) {
        continue;
      }
      chain = chain.compose(v -> city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, "/api/v1/orders/" + o.orderId,
          null, "admin.order")
        .map(order -> {
          String payment = order.getString("paymentStatus", "");
          if (payment.equals("PAID") || payment.endsWith("_PENDING")) {
            failures.add("  held: order " + o.orderId + " " + o.method + " " + order.getString("status") + " / " + payment
              + " total " + o.total + " (the simulator saw " + o.status + (o.paid ? ", paid" : ", unpaid") + ")");
          }
          return (Void) null;
        }));
    }
    return chain;
  }

  private Future<Void> settledOnce() {
    List<SimOrder> delivered = city.orders.values().stream().filter(o -> "DELIVERED".equals(o.status)).toList();
    Future<Void> chain = Future.succeededFuture();
    for (SimOrder o : delivered) {
      chain = chain.compose(v -> settled(o, 15));
    }
    return chain.compose(v -> settlementCredits(delivered));
  }

  private Future<Void> settled(SimOrder o, int tries) {
    return city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, "/api/v1/orders/" + o.orderId, null, "admin.order")
      .compose(order -> {
        if ("SETTLED".equals(order.getString("paymentStatus"))) {
          return Future.succeededFuture();
        }
        if (tries <= 1) {
          failures.add("delivered order " + o.orderId + " (" + o.method + ") is " + order.getString("paymentStatus")
            + (order.containsKey("settlement") ? " / " + order.getString("settlement") : ""));
          return Future.succeededFuture();
        }
        Promise<Void> later = Promise.promise();
        city.vertx.setTimer(2_000, t -> settled(o, tries - 1).onComplete(later));
        return later.future();
      });
  }

  /** Each vendor's ORDER_SETTLEMENT credits, read page by page: one per delivered order, none for the others. */
  private Future<Void> settlementCredits(List<SimOrder> delivered) {
    Map<String, Integer> credits = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Vendor v : city.vendors) {
      chain = chain.compose(x -> statement(v.session.id, null, credits));
    }
    return chain.map(x -> {
      long settledOnce = 0;
      for (SimOrder o : delivered) {
        int n = credits.getOrDefault(o.orderId, 0);
        if (n == 1) {
          settledOnce++;
        } else {
          failures.add("delivered order " + o.orderId + " has " + n + " settlement credits on its vendor's statement");
        }
      }
      city.orders.values().stream().filter(o -> !"DELIVERED".equals(o.status) && credits.containsKey(o.orderId))
        .forEach(o -> failures.add("order " + o.orderId + " (" + o.status + ") was settled to its vendor"));
      figures.put("delivered orders settled exactly once", settledOnce + " / " + delivered.size());
      return null;
    });
  }

  private Future<Void> statement(String vendorId, String cursor, Map<String, Integer> credits) {
    String path = "/api/v1/wallets/" + vendorId + "/transactions?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
    return city.http.ok(city.admin, Http.Api.ADMIN, HttpMethod.GET, path, null, "admin.statement").compose(page -> {
      for (Object e : page.getJsonArray("items", new JsonArray())) {
        JsonObject entry = (JsonObject) e;
        if ("ORDER_SETTLEMENT".equals(entry.getString("kind")) && "CREDIT".equals(entry.getString("type"))) {
          String orderId = orderIdIn(entry);
          if (orderId != null) {
            credits.merge(orderId, 1, Integer::sum);
          }
        }
      }
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture()
        : statement(vendorId, java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), credits);
    });
  }

  private String orderIdIn(JsonObject entry) {
    String text = entry.getString("reference", "") + " " + entry.getString("description", "");
    for (String token : text.split("[^A-Za-z0-9_-]+")) {
      if (city.orders.containsKey(token)) {
        return token;
      }
    }
    return null;
  }
}
