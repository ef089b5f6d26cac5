package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * Placing an order: validate the customer, the vendor (approved, online, open now) and the items, price it, then
 * create it together with its payment. WALLET: the wallet engine debits into escrow and puts the order in one
 * transaction. CASH: the order is simply stored. MOBILE_MONEY: stored AWAITING_PAYMENT, then a collection starts.
 * With an idempotency key the order id is derived from (user, key), so a retry finds the first order.
 */
final class Placement {

  static final int MAX_QUANTITY = 50;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OrderStore store;
  private final AccountReader accounts;
  private final Catalog catalog;
  private final Pricing pricing;
  private final WalletClient wallet;
  private final Transitions transitions;
  private PromoRedemption promos;
  private Holds holds;
  private final Scheduling scheduling;

  Placement(OrderStore store, AccountReader accounts, Catalog catalog, Pricing pricing, WalletClient wallet,
            Transitions transitions, Scheduling scheduling) {
    this.scheduling = scheduling;
    this.store = store;
    this.accounts = accounts;
    this.catalog = catalog;
    this.pricing = pricing;
    this.wallet = wallet;
    this.transitions = transitions;
  }

  /** Promo codes and the hold of promo uses and counted stock ({@link Holds}). */
  Placement holding(PromoRedemption promos, Holds holds) {
    this.promos = promos;
    this.holds = holds;
    return this;
  }

  Future<JsonObject> place(Principal p, JsonObject body) {
    if (p.role() != Role.USER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("Only customers place orders"));
    }
    String key = body.getString("idempotencyKey");
    JsonObject request = body.copy();
    request.remove("idempotencyKey");
    String hash = sha256(request.encode());
    String orderId = key == null ? Ids.next("order") : "order_" + sha256(p.id() + "\n" + key).substring(0, 32);
    Future<JsonObject> earlier = key == null ? Future.succeededFuture() : store.find(orderId);
    return earlier.compose(found -> found != null ? replay(found, hash) : build(p, request, orderId, hash)
      .compose(order -> held(order, o -> create(o, body.getString("paymentPhone"), p)))
      .recover(f -> retried(f, orderId, hash)));
  }

  private Future<JsonObject> build(Principal p, JsonObject req, String orderId, String hash) {
    String vendorId = Requests.requiredString(req, "vendorId");
    JsonObject address = req.getJsonObject("deliveryAddress");
    JsonArray lines = req.getJsonArray("items");
    String method = Requests.requiredString(req, "paymentMethod");
    if (address == null || address.getDouble("lat") == null || address.getDouble("lng") == null || lines == null
      || lines.isEmpty() || !java.util.List.of("WALLET", "MOBILE_MONEY", "CASH").contains(method)) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("vendorId, items, deliveryAddress and paymentMethod are required"));
    }
    Scheduling.Window window;
    try {
      window = scheduling.requested(req, Instant.now());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return accounts.orderingUser(p.id())
      .compose(user -> accounts.vendor(vendorId).compose(vendor -> {
        checkVendor(vendor, window);
        return catalog.items(vendorId).compose(menu -> {
          JsonArray items = OptionPricing.priceItems(lines, menu, Stock.today(Instant.now()));
          long subtotal = items.stream().mapToLong(i -> ((JsonObject) i).getLong("lineTotal")).sum();
          JsonObject loc = vendor.getJsonObject("location");
          double km = Pricing.distanceKm(loc.getDouble("lat"), loc.getDouble("lng"), address.getDouble("lat"), address.getDouble("lng"));
          long fee = pricing.deliveryFee(km);
          long tip = Tips.atPlacement(req);
          return promos.quote(p.id(), vendorId, subtotal, req.getString("promoCode")).map(promo -> {
            long discount = promo == null ? 0 : promo.getLong("discount");
            Instant now = Instant.now();
            boolean mobile = "MOBILE_MONEY".equals(method);
            String status = mobile ? Lifecycle.AWAITING_PAYMENT : Lifecycle.PENDING;
            return new JsonObject().put("orderId", orderId).put("userId", p.id()).put("vendorId", vendorId)
              .put("vendorName", vendor.getString("businessName")).put("items", items)
              .put("subtotal", subtotal).put("deliveryFee", fee).put("tip", tip).put("discount", discount)
              .put("total", subtotal + fee + tip - discount)
              .put("distance", Pricing.rounded(km)).put("status", status).put("paymentMethod", method)
              .put("paymentStatus", switch (method) {
                case "WALLET" -> "PAID";
                case "CASH" -> "CASH_ON_DELIVERY";
                default -> "AWAITING";
              })
              .put("deliveryAddress", address)
              .put("vendorAddress", vendor.getJsonObject("address", new JsonObject()).copy().put("lat", loc.getDouble("lat"))
                .put("lng", loc.getDouble("lng")))
              .put("customerName", user.getString("firstName"))
              .put("deliveryCode", String.format("%04d", RANDOM.nextInt(10_000)))
              .put("timeline", new JsonArray().add(Lifecycle.entry(status, p, null)))
              .put("createdAt", Timestamps.format(now)).put("createdDay", Ids.day(now)).put("updatedAt", Timestamps.format(now))
              .put("placementHash", hash)
              .put("promo", promo == null ? null : new JsonObject().put("code", promo.getString("code"))
                .put("fundedBy", promo.getString("fundedBy")).put("discount", discount))
              .put(HOLD, new JsonObject().put("stock", new JsonObject(new HashMap<String, Object>(Stock.counted(items, menu))))
                .put("perCustomerLimit", promo == null ? 1L : promo.getLong("perCustomerLimit")));
          }).map(order -> window == null ? order : scheduling.stamp(order, window));
        });
      }));
  }

  private static final String HOLD = "_hold";

  /**
   * Creates the order behind its hold ({@link Holds}) when it takes a promo use or counted stock: the hold first, then
   * the creation; a creation that failed and left no order gives everything back.
   */
  private Future<JsonObject> held(JsonObject order, java.util.function.Function<JsonObject, Future<JsonObject>> creation) {
    JsonObject hold = (JsonObject) order.remove(HOLD);
    if (order.getValue("promo") == null) {
      order.remove("promo");
    }
    Map<String, Long> counted = new java.util.LinkedHashMap<>();
    hold.getJsonObject("stock").forEach(e -> counted.put(e.getKey(), ((Number) e.getValue()).longValue()));
    if (!Holds.needed(order, counted)) {
      return creation.apply(order);
    }
    order.put("held", true);
    String orderId = order.getString("orderId");
    return holds.take(order, counted, hold.getLong("perCustomerLimit"))
      .compose(v -> creation.apply(order).recover(f -> store.find(orderId).compose(found -> found != null
        ? Future.failedFuture(f) : holds.undo(orderId).transform(x -> Future.failedFuture(f)))))
      .compose(created -> holds.created(orderId).map(created));
  }

  /** Orders for now need the vendor online and open now; scheduled ones need it open during the window. */
  private static void checkVendor(JsonObject vendor, Scheduling.Window window) {
    if (!AccountReader.approved(vendor)) {
      throw ErrorCode.NOT_FOUND.exception("No such vendor");
    }
    if (window != null) {
      Scheduling.checkOpen(vendor, window);
    }
    JsonObject loc = vendor.getJsonObject("location");
    if (window == null && (!vendor.getBoolean("isOnline", false)
      || !BusinessHours.isOpen(vendor.getJsonObject("businessHours"), Instant.now())) || loc == null || loc.getDouble("lat") == null || loc.getDouble("lng") == null) {
      throw ErrorCode.VENDOR_CLOSED.exception("This vendor is not taking orders right now");
    }
  }

  private Future<JsonObject> create(JsonObject order, String paymentPhone, Principal p) {
    String orderId = order.getString("orderId");
    return switch (order.getString("paymentMethod")) {
      case "WALLET" -> wallet.payAndCreate(order, "order-pay#" + orderId)
        .compose(paid -> paid.getBoolean("replayed", false)
          ? store.find(orderId).compose(stored -> stored != null ? replay(stored, order.getString("placementHash"))
            : Future.failedFuture(ErrorCode.CONFLICT.exception("The order is being placed; try again")))
          : store.counters().apply(DayCounters.placed(order)).otherwiseEmpty().compose(v -> transitions.placed(order)));
      case "CASH" -> store.create(order).compose(transitions::placed);
      default -> store.create(order).compose(created -> accounts.read("users", "userId", p.id())
        .compose(user -> wallet.collect(created, paymentPhone != null ? paymentPhone : user.getString("phone")))
        .map(started -> created)
        .recover(f -> transitions.paymentFailed(orderId, "The mobile money payment could not start")
          .transform(ignored -> Future.failedFuture(f))));
    };
  }

  /**
   * A lost race with an identical retry (order already stored under the derived id) replays the stored order. So
   * does a payment the wallet engine answers as replayed (the winner's transaction stored the order with it): the
   * answer is the stored order (its delivery code, not this attempt's), and no second order.placed goes out.
   */
  private Future<JsonObject> retried(Throwable failure, String orderId, String hash) {
    ErrorCode code = ErrorCode.of(failure);
    if (code != ErrorCode.ALREADY_EXISTS && code != ErrorCode.IDEMPOTENCY_KEY_REUSED && code != ErrorCode.CONFLICT) {
      return Future.failedFuture(failure);
    }
    return store.find(orderId).compose(found -> found != null ? replay(found, hash) : Future.failedFuture(failure));
  }

  private static Future<JsonObject> replay(JsonObject order, String hash) {
    if (!hash.equals(order.getString("placementHash"))) {
      return Future.failedFuture(ErrorCode.IDEMPOTENCY_KEY_REUSED.exception("This Idempotency-Key was used for a different order"));
    }
    return Future.succeededFuture(Events.view(order, Role.USER));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
