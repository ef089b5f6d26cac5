package cm.reeyo.orders;

import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.orders.Lifecycle.Action;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lifecycle steps with their consequences. Each step is one conditional write on the status read just before
 * (two racing steps: one applies, the other gets ORDER_STATE_CONFLICT), then: dispatch on ACCEPTED, refund on
 * CANCELLED / REJECTED of a paid order, settlement on DELIVERED, a domain event and the spec's client events.
 */
final class Transitions {

  static final int MAX_CODE_FAILURES = 5;
  static final long DEFAULT_PREP_MINUTES = 20;

  private final OrderStore store;
  private final Events events;
  private final MoneyFollowUp money;
  private final Ratings ratings;
  private final OrderFollowUps followUps;
  private Dispatcher dispatcher;
  private Holds holds;

  Transitions(OrderStore store, Events events, MoneyFollowUp money, Ratings ratings, OrderFollowUps followUps) {
    this.store = store;
    this.events = events;
    this.money = money;
    this.ratings = ratings;
    this.followUps = followUps;
  }

  void dispatcher(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** What a cancelled or rejected order gives back (promo use, stock): {@link Holds#giveBack}. */
  void holds(Holds holds) {
    this.holds = holds;
  }

  /** A vendor or rider step: {@code {orderId, action, reason?, code?, estimatedMinutes?}}. */
  Future<JsonObject> act(Principal p, JsonObject body) {
    Action action = Action.parse(Requests.requiredString(body, "action"));
    if (action == Action.CANCEL || action == Action.ADMIN_CANCEL) {
      return cancel(p, body);
    }
    return step(p, Requests.requiredString(body, "orderId"), action, body);
  }

  /** Cancellation by the customer (PENDING / ACCEPTED) or an admin (any undelivered order): {@code {orderId, reason}}. */
  Future<JsonObject> cancel(Principal p, JsonObject body) {
    Action action = p.role() == Role.ADMIN ? Action.ADMIN_CANCEL : Action.CANCEL;
    return step(p, Requests.requiredString(body, "orderId"), action, body);
  }

  private Future<JsonObject> step(Principal p, String orderId, Action action, JsonObject body) {
    return store.get(orderId).compose(order -> {
      Lifecycle.check(action, order, p);
      String riderId = order.getString("riderId");
      if (action == Action.CANCEL && riderId != null) {
        throw ErrorCode.ORDER_STATE_CONFLICT.exception("A rider has taken the order; ask support to cancel it");
      }
      String reason = body.getString("reason");
      JsonObject fields = fields(action, order, body);
      Future<Void> gate = action == Action.DELIVER ? checkCode(order, body.getString("code")) : Future.succeededFuture();
      List<String> from = List.of(order.getString("status"));
      JsonObject entry = Lifecycle.entry(action.to(), p, reason);
      List<TransactWriteItem> due = counted(order, action.to(), fields, followUps.madeDueBy(action, order, fields));
      if (action == Action.DELIVER) {
        due.addAll(ratings.deliveryWrites(order));
      }
      return gate.compose(v -> Lifecycle.FINAL.contains(action.to())
          ? store.transitionReleasing(orderId, from, action.to(), fields, entry, riderId, due)
          : store.transition(orderId, from, action.to(), fields, entry, due))
        .compose(updated -> after(updated, reason))
        .map(updated -> Events.view(updated, p.role()));
    });
  }

  private static JsonObject fields(Action action, JsonObject order, JsonObject body) {
    Instant now = Instant.now();
    JsonObject f = new JsonObject().put("updatedAt", Timestamps.format(now));
    switch (action) {
      case ACCEPT -> f.put("acceptedAt", Timestamps.format(now))
        .put("estimatedReadyTime", Timestamps.format(
          now.plus(body.getLong("estimatedMinutes", DEFAULT_PREP_MINUTES), ChronoUnit.MINUTES)));
      case PREPARING -> f.put("preparingAt", Timestamps.format(now));
      case READY -> f.put("readyAt", Timestamps.format(now));
      case PICKUP -> f.put("pickedUpAt", Timestamps.format(now));
      case DELIVER -> f.put("deliveredAt", Timestamps.format(now));
      case REJECT, CANCEL, ADMIN_CANCEL -> f.put("cancelledAt", Timestamps.format(now))
        .put("cancelReason", body.getString("reason", action == Action.REJECT ? "Rejected by the vendor" : "Cancelled"))
        .put("paymentStatus", "PAID".equals(order.getString("paymentStatus")) ? "REFUND_PENDING" : order.getString("paymentStatus"));
      default -> { }
    }
    if (action == Action.DELIVER) {
      f.put("paymentStatus", "SETTLE_PENDING");
    }
    return f;
  }

  /**
   * The rider must present the customer's 4-digit code. Each attempt is counted (a conditional increment that
   * refuses past {@value #MAX_CODE_FAILURES}) before the code is compared, so at most five codes are ever compared (an
   * order read at the limit is refused without a write);
   * then delivery is locked (429 RATE_LIMITED) until an admin resets the counter or cancels the order.
   */
  private Future<Void> checkCode(JsonObject order, String code) {
    String orderId = order.getString("orderId");
    if (order.getLong("codeFailures", 0L) >= MAX_CODE_FAILURES) {
      return Future.failedFuture(locked());
    }
    return store.countCodeAttempt(orderId, MAX_CODE_FAILURES).compose(counted -> {
      if (!counted) {
        return store.get(orderId).compose(now -> Future.failedFuture(now.getLong("codeFailures", 0L) >= MAX_CODE_FAILURES
          ? locked() : ErrorCode.ORDER_STATE_CONFLICT.exception("The order is " + now.getString("status"))));
      }
      return code != null && code.equals(order.getString("deliveryCode")) ? Future.succeededFuture()
        : Future.failedFuture(ErrorCode.UNPROCESSABLE.exception("The delivery code is wrong"));
    });
  }

  private static RuntimeException locked() {
    return ErrorCode.RATE_LIMITED.exception("Delivery is locked after " + MAX_CODE_FAILURES + " wrong codes; support must act");
  }

  /** A newly created order that can be worked on (PENDING): events, and the vendor's new_order. */
  Future<JsonObject> placed(JsonObject order) {
    events.domain("order.placed", order);
    JsonObject data = new JsonObject()
      .put("orderId", order.getString("orderId")).put("items", order.getJsonArray("items"))
      .put("pickup", order.getJsonObject("vendorAddress")).put("delivery", order.getJsonObject("deliveryAddress"))
      .put("subtotal", order.getLong("subtotal")).put("deliveryFee", order.getLong("deliveryFee"))
      .put("total", order.getLong("total")).put("paymentMethod", order.getString("paymentMethod"));
    if (order.getString("scheduledFor") != null) {
      data.put("scheduledFor", order.getString("scheduledFor")).put("scheduledUntil", order.getString("scheduledUntil"));
    }
    events.toVendor(order.getString("vendorId"), ClientEvent.NEW_ORDER, data);
    return Future.succeededFuture(Events.view(order, Role.USER));
  }

  /** The wallet engine confirmed a MOBILE_MONEY payment: AWAITING_PAYMENT → PENDING (a late one on a cancelled order is refunded). */
  Future<JsonObject> paymentConfirmed(JsonObject body) {
    String orderId = Requests.requiredString(body, "orderId");
    return store.get(orderId).compose(order -> {
      String status = order.getString("status");
      if (!Lifecycle.AWAITING_PAYMENT.equals(status)) {
        if (Lifecycle.CANCELLED.equals(status) && !"REFUNDED".equals(order.getString("paymentStatus"))) {
          return store.update(orderId, new JsonObject().put("paymentStatus", "REFUND_PENDING")
              .put("paymentId", body.getString("paymentId")), null, java.util.Map.of(), ErrorCode.CONFLICT,
              List.of(followUps.put(OrderFollowUps.REFUND, orderId)))
            .compose(o -> money.refund(o, "Payment arrived after cancellation")).map(o -> ack(o));
        }
        return Future.succeededFuture(ack(order));
      }
      JsonObject fields = new JsonObject().put("paymentStatus", "PAID").put("paymentId", body.getString("paymentId"))
        .put("updatedAt", Timestamps.now());
      return store.transition(orderId, List.of(Lifecycle.AWAITING_PAYMENT), Lifecycle.PENDING, fields,
          Lifecycle.entry(Lifecycle.PENDING, Principal.system(), "Mobile money payment confirmed"),
          counted(order, Lifecycle.PENDING, fields, List.of()))
        .compose(paid -> {
          events.toParties(paid, ClientEvent.PAYMENT_CONFIRMED, new JsonObject().put("orderId", orderId)
            .put("paymentId", paid.getString("paymentId")).put("amount", paid.getLong("total")), Role.USER);
          return placed(paid);
        }).map(o -> ack(o));
    });
  }

  /** The mobile money payment failed or could not start: AWAITING_PAYMENT → CANCELLED. */
  Future<JsonObject> paymentFailed(String orderId, String reason) {
    JsonObject fields = new JsonObject().put("paymentStatus", "FAILED").put("cancelReason", reason)
      .put("cancelledAt", Timestamps.now()).put("updatedAt", Timestamps.now());
    return store.get(orderId)
      .compose(order -> store.transition(orderId, List.of(Lifecycle.AWAITING_PAYMENT), Lifecycle.CANCELLED, fields,
        Lifecycle.entry(Lifecycle.CANCELLED, Principal.system(), reason),
        counted(order, Lifecycle.CANCELLED, fields, followUps.giveBack(order))))
      .compose(o -> after(o, reason)).map(Transitions::ack);
  }

  /** {@code alsoWrite} plus the day counters' move of {@code order} to {@code to}: one transaction with the step. */
  private List<TransactWriteItem> counted(JsonObject order, String to, JsonObject fields, List<TransactWriteItem> alsoWrite) {
    List<TransactWriteItem> all = new ArrayList<>(alsoWrite);
    all.add(store.counters().write(DayCounters.moved(order, to, fields)));
    return all;
  }

  private static JsonObject ack(JsonObject order) {
    return new JsonObject().put("orderId", order.getString("orderId")).put("status", order.getString("status"));
  }

  /** Consequences of a status change that was written. Wallet trouble never undoes the step: it is retried. */
  Future<JsonObject> after(JsonObject order, String reason) {
    String status = order.getString("status");
    events.domain("order." + status.toLowerCase(Locale.ROOT).replace('_', '-'), order);
    String orderId = order.getString("orderId");
    switch (status) {
      case Lifecycle.ACCEPTED -> {
        events.toParties(order, ClientEvent.ORDER_ACCEPTED, new JsonObject().put("orderId", orderId)
          .put("vendorId", order.getString("vendorId")).put("estimatedTime", order.getString("estimatedReadyTime")), Role.USER);
        return Scheduling.waiting(order, System.currentTimeMillis()) ? Future.succeededFuture(order)
          : dispatcher.start(order).map(order);
      }
      case Lifecycle.PREPARING -> events.toParties(order, ClientEvent.ORDER_PREPARING, new JsonObject()
        .put("orderId", orderId).put("estimatedReadyTime", order.getString("estimatedReadyTime")), Role.USER);
      case Lifecycle.READY -> events.toParties(order, ClientEvent.ORDER_READY, new JsonObject()
        .put("orderId", orderId).put("pickupAddress", order.getJsonObject("vendorAddress")), Role.USER, Role.RIDER);
      case Lifecycle.DELIVERED -> {
        return dispatcher.finished(order).compose(v -> ratings.delivered(order)).compose(v -> money.settle(order)).map(settled -> {
          events.toParties(settled, ClientEvent.ORDER_DELIVERED, new JsonObject().put("orderId", orderId)
            .put("deliveryTime", settled.getString("deliveredAt"))
            .put("signature", new JsonObject().put("method", "DELIVERY_CODE").put("verified", true)),
            Role.USER, Role.VENDOR, Role.RIDER);
          return settled;
        });
      }
      case Lifecycle.CANCELLED, Lifecycle.REJECTED -> {
        Future<JsonObject> refunded = "REFUND_PENDING".equals(order.getString("paymentStatus"))
          ? money.refund(order, reason == null ? order.getString("cancelReason") : reason) : Future.succeededFuture(order);
        Future<Void> givenBack = holds == null ? Future.succeededFuture() : holds.giveBack(order).otherwiseEmpty();
        return dispatcher.finished(order).compose(v -> givenBack).compose(v -> refunded).map(o -> {
          JsonObject data = new JsonObject().put("orderId", orderId)
            .put("status", status).put("reason", o.getString("cancelReason"))
            .put("refundAmount", "REFUNDED".equals(o.getString("paymentStatus")) ? o.getLong("total") : 0L);
          if (Lifecycle.REJECTED.equals(status)) {
            events.toParties(o, ClientEvent.ORDER_REJECTED, data, Role.USER);
          } else {
            events.toParties(o, ClientEvent.ORDER_CANCELLED, data, Role.USER, Role.VENDOR, Role.RIDER);
          }
          return o;
        });
      }
      default -> { }
    }
    return Future.succeededFuture(order);
  }
}
