package cm.reeyo.orders;

import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Tips for the rider, 100 % through the wallet ledger: given at placement ({@code tip} on the order, part of its
 * total, paid to the rider by the settlement), or after delivery ({@code orders.v1.tip}, within {@link #WINDOW} of
 * {@code deliveredAt}, once per order: the wallet moves it customer → rider under the key {@code tip#<orderId>},
 * then the order records it).
 */
final class Tips {

  static final long MAX_TIP = 100_000;
  static final Duration WINDOW = Duration.ofHours(24);

  private final OrderStore store;
  private final WalletClient wallet;
  private final Events events;

  Tips(OrderStore store, WalletClient wallet, Events events) {
    this.store = store;
    this.wallet = wallet;
    this.events = events;
  }

  /** The tip asked for at placement (0 when absent); VALIDATION_FAILED outside 0..{@value #MAX_TIP}. */
  static long atPlacement(JsonObject request) {
    Object tip = request.getValue("tip");
    if (tip == null) {
      return 0;
    }
    if (!(tip instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0 || n.longValue() > MAX_TIP) {
      throw ErrorCode.VALIDATION_FAILED.exception("tip must be a whole number of XAF from 0 to " + MAX_TIP);
    }
    return n.longValue();
  }

  Future<JsonObject> tip(Principal p, JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    long amount = body.getValue("amount") instanceof Number n ? n.longValue() : 0;
    if (amount < 1 || amount > MAX_TIP) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("amount must be from 1 to " + MAX_TIP + " XAF"));
    }
    return store.get(orderId).compose(order -> {
      if (p.role() != Role.USER || !p.id().equals(order.getString("userId"))) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order"));
      }
      if (!Lifecycle.DELIVERED.equals(order.getString("status")) || order.getString("riderId") == null) {
        return Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("Only delivered orders can be tipped"));
      }
      Instant delivered = OffsetDateTime.parse(order.getString("deliveredAt")).toInstant();
      if (Instant.now().isAfter(delivered.plus(WINDOW))) {
        return Future.failedFuture(ErrorCode.ORDER_STATE_CONFLICT.exception("Tips are possible up to 24 h after delivery"));
      }
      if (order.getLong("tip", 0L) > 0) {
        return Future.failedFuture(ErrorCode.CONFLICT.exception("This order was already tipped"));
      }
      return wallet.tip(order, amount)
        .compose(moved -> store.update(orderId, new JsonObject().put("tip", amount).put("tippedAt", Timestamps.now()),
          "#status = :d AND (attribute_not_exists(tip) OR tip = :zero)", Map.of(":d", Lifecycle.DELIVERED, ":zero", 0L),
          ErrorCode.CONFLICT))
        .map(tipped -> {
          events.toRider(tipped.getString("riderId"), ClientEvent.WALLET_UPDATED,
            new JsonObject().put("orderId", orderId).put("tip", amount));
          return Events.view(tipped, Role.USER);
        });
    });
  }
}
