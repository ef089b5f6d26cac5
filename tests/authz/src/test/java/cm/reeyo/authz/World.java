package cm.reeyo.authz;

import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.Map;

/**
 * The cast of an authorization test and what they own, all made through the real APIs: customers, vendors and riders
 * A and B and one admin. Vendor A has a menu; customer A ordered twice from vendor A (cash): one order delivered by
 * rider A (so vendor A has a balance and asked for a payout) and one accepted by vendor A and taken by rider A.
 * The A accounts own everything; the B accounts own nothing of it.
 */
final class World {

  /** Two accounts of each customer/vendor/rider role. */
  enum Slot { A, B }

  static final long DISH_PRICE = 10_000;
  static final long PAYOUT = 5_000;

  final Platform p;
  private final Map<Role, Map<Slot, String>> ids = new EnumMap<>(Role.class);
  private final Map<Role, String> notifications = new EnumMap<>(Role.class);
  private final Map<Role, String> uploads = new EnumMap<>(Role.class);
  String dishId;
  String spareItemId;
  String deliveredOrderId;
  String activeOrderId;
  String payoutId;

  private World(Platform p) {
    this.p = p;
  }

  static Future<World> build(Platform p) {
    World w = new World(p);
    return w.accounts()
      .compose(v -> w.vendorSetUp(Slot.A))
      .compose(v -> w.vendorSetUp(Slot.B))
      .compose(v -> p.ok(HttpMethod.PUT, Role.RIDER, "/api/v1/status", w.token(Role.RIDER, Slot.A),
        new JsonObject().put("isOnline", true).put("lat", Platform.VENDOR_LAT).put("lng", Platform.VENDOR_LNG)))
      .compose(v -> w.deliveredOrder())
      .compose(v -> w.order())
      .compose(order -> {
        w.activeOrderId = order.getString("orderId");
        return w.payout();
      })
      .compose(v -> w.inbox(Role.USER))
      .compose(v -> w.inbox(Role.VENDOR))
      .compose(v -> w.inbox(Role.RIDER))
      .compose(v -> w.upload(Role.RIDER, "DRIVING_LICENCE"))
      .compose(v -> w.upload(Role.VENDOR, "VENDOR_LOGO"))
      .map(w);
  }

  String id(Role role, Slot slot) {
    return ids.get(role).get(role == Role.ADMIN ? Slot.A : slot);
  }

  String token(Role role, Slot slot) {
    return p.token(id(role, slot), role);
  }

  /** The id of a notification in the A account's inbox of that role. */
  String notification(Role role) {
    return notifications.get(role);
  }

  /** The id of an upload started (never sent) by the A account of that role: its confirm and its file view. */
  String upload(Role role) {
    return uploads.get(role);
  }

  private Future<Void> upload(Role role, String kind) {
    return p.ok(HttpMethod.POST, role, "/api/v1/uploads", token(role, Slot.A),
        new JsonObject().put("kind", kind).put("contentType", "image/png").put("size", 1000))
      .map(ticket -> {
        uploads.put(role, ticket.getString("uploadId"));
        return null;
      });
  }

  private Future<Void> accounts() {
    Future<Void> chain = Future.succeededFuture();
    for (Slot slot : Slot.values()) {
      String n = slot.name();
      chain = chain
        .compose(v -> p.account(AccountKind.USER, new JsonObject().put("firstName", "Customer").put("lastName", n)
          .put("phone", "+23767100000" + slot.ordinal()).put("isPhoneVerified", true)))
        .compose(id -> put(Role.USER, slot, id))
        .compose(v -> p.account(AccountKind.VENDOR, new JsonObject().put("businessName", "Vendor " + n).put("ownerName", "Owner " + n)
          .put("phone", "+23767200000" + slot.ordinal()).put("approvalStatus", "APPROVED").put("isPhoneVerified", true)
          .put("location", new JsonObject().put("lat", Platform.VENDOR_LAT).put("lng", Platform.VENDOR_LNG))
          .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala"))))
        .compose(id -> put(Role.VENDOR, slot, id))
        .compose(v -> p.account(AccountKind.RIDER, new JsonObject().put("firstName", "Rider").put("lastName", n)
          .put("phone", "+23767300000" + slot.ordinal()).put("vehicleType", "MOTORCYCLE").put("approvalStatus", "APPROVED")
          .put("isPhoneVerified", true)))
        .compose(id -> put(Role.RIDER, slot, id));
    }
    return chain.compose(v -> p.account(AccountKind.ADMIN, new JsonObject().put("name", "Admin").put("email", "admin@reeyo.test")))
      .compose(id -> put(Role.ADMIN, Slot.A, id));
  }

  private Future<Void> put(Role role, Slot slot, String id) {
    ids.computeIfAbsent(role, r -> new EnumMap<>(Slot.class)).put(slot, id);
    return Future.succeededFuture();
  }

  /** Online, with a dish (ordered by customer A from vendor A) and a spare item (edited and deleted by the matrix). */
  private Future<Void> vendorSetUp(Slot slot) {
    String token = token(Role.VENDOR, slot);
    return p.ok(HttpMethod.PUT, Role.VENDOR, "/api/v1/status", token, new JsonObject().put("isOnline", true))
      .compose(v -> p.ok(HttpMethod.POST, Role.VENDOR, "/api/v1/menu", token,
        new JsonObject().put("name", "Ndolé").put("price", DISH_PRICE).put("available", true)))
      .compose(dish -> p.ok(HttpMethod.POST, Role.VENDOR, "/api/v1/menu", token,
          new JsonObject().put("name", "Jus de foléré").put("price", 500).put("available", true))
        .map(spare -> {
          if (slot == Slot.A) {
            dishId = dish.getString("itemId");
            spareItemId = spare.getString("itemId");
          }
          return null;
        }));
  }

  /** Customer A orders one dish from vendor A (cash), vendor A accepts and rider A takes it: the order. */
  private Future<JsonObject> order() {
    String customer = token(Role.USER, Slot.A);
    String vendor = token(Role.VENDOR, Slot.A);
    String rider = token(Role.RIDER, Slot.A);
    JsonObject body = new JsonObject().put("vendorId", id(Role.VENDOR, Slot.A)).put("paymentMethod", "CASH")
      .put("items", new JsonArray().add(new JsonObject().put("itemId", dishId).put("quantity", 1)))
      .put("deliveryAddress", new JsonObject().put("lat", Platform.CUSTOMER_LAT).put("lng", Platform.CUSTOMER_LNG)
        .put("line1", "Carrefour Ndokoti").put("city", "Douala"));
    return p.ok(HttpMethod.POST, Role.USER, "/api/v1/orders", customer, body).compose(placed -> {
      String path = "/api/v1/orders/" + placed.getString("orderId");
      return p.ok(HttpMethod.POST, Role.VENDOR, path + "/accept", vendor, new JsonObject())
        .compose(v -> p.until(() -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/offers", rider, null),
          offers -> offers.getJsonArray("items").stream().anyMatch(o -> placed.getString("orderId")
            .equals(((JsonObject) o).getString("orderId"))), 50, "the offer to rider A"))
        .compose(v -> p.ok(HttpMethod.POST, Role.RIDER, path + "/accept", rider, null))
        .map(placed);
    });
  }

  /** An order walked to DELIVERED (settled in cash): vendor A is credited the dish less the commission. */
  private Future<Void> deliveredOrder() {
    String vendor = token(Role.VENDOR, Slot.A);
    String rider = token(Role.RIDER, Slot.A);
    return order().compose(placed -> {
      deliveredOrderId = placed.getString("orderId");
      String path = "/api/v1/orders/" + deliveredOrderId;
      return p.ok(HttpMethod.POST, Role.VENDOR, path + "/preparing", vendor, new JsonObject())
        .compose(v -> p.ok(HttpMethod.POST, Role.VENDOR, path + "/ready", vendor, new JsonObject()))
        .compose(v -> p.ok(HttpMethod.POST, Role.RIDER, path + "/pickup", rider, null))
        .compose(v -> p.ok(HttpMethod.POST, Role.RIDER, path + "/deliver", rider,
          new JsonObject().put("code", placed.getString("deliveryCode"))))
        .mapEmpty();
    });
  }

  /** Vendor A asks for a payout once the delivered order's money has landed in its wallet. */
  private Future<Void> payout() {
    String vendor = token(Role.VENDOR, Slot.A);
    return p.until(() -> p.ok(HttpMethod.GET, Role.VENDOR, "/api/v1/wallet", vendor, null),
        wallet -> wallet.getLong("balance", 0L) >= PAYOUT, 100, "vendor A's settlement")
      .compose(v -> p.ok(HttpMethod.POST, Role.VENDOR, "/api/v1/payouts", vendor,
        new JsonObject().put("amount", PAYOUT).put("phone", "+237672000000")))
      .map(payout -> {
        payoutId = payout.getString("payoutId");
        return null;
      });
  }

  /**
   * The newest entry of the A account's inbox, as its API lists it. One entry is put there first through the notifier's
   * own address: the order engine's domain events do not yet reach the notifier's rules under the names they expect.
   */
  private Future<Void> inbox(Role role) {
    JsonObject entry = new JsonObject().put("accountId", id(role, Slot.A)).put("title", "Welcome").put("body", "Hello");
    return p.vertx.eventBus().<JsonObject>request(NotifyAddresses.INBOX, entry)
      .compose(v -> p.ok(HttpMethod.GET, role, "/api/v1/notifications", token(role, Slot.A), null))
      .map(page -> {
        notifications.put(role, page.getJsonArray("items").getJsonObject(0).getString("notificationId"));
        return null;
      });
  }
}
