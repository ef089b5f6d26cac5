package cm.reeyo.orders;

import cm.reeyo.orders.Lifecycle.Action;
import cm.reeyo.storage.FollowUps;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The order engine's follow-ups (see {@link FollowUps}): what a written step leaves to do, recorded in the step's
 * own transaction. SETTLE after DELIVERED, REFUND after the cancellation of a paid order, DISPATCH after the vendor
 * accepted (until a rider has the order). Each is first done inline; the record is only there for when that fails
 * or the node dies, so it falls due after a grace period ({@code recovery.graceMs}).
 */
final class OrderFollowUps {

  static final String SETTLE = "SETTLE";
  static final String REFUND = "REFUND";
  static final String DISPATCH = "DISPATCH";
  /** A placement's hold (promo use, counted stock) until its order exists or it is given back ({@link Holds}). */
  static final String HOLD = "HOLD";
  /** How long a hold waits for its order before the sweeper gives it back: far beyond any creation's timeout. */
  static final long DEFAULT_HOLD_GRACE_MS = 120_000;
  static final String CONF = "recovery";
  static final long DEFAULT_GRACE_MS = 30_000;

  private final FollowUps followUps;
  private final long graceMs;
  private final long holdGraceMs;

  OrderFollowUps(FollowUps followUps, JsonObject config) {
    this.followUps = followUps;
    this.graceMs = config.getJsonObject(CONF, new JsonObject()).getLong("graceMs", DEFAULT_GRACE_MS);
    this.holdGraceMs = config.getJsonObject(CONF, new JsonObject()).getLong("holdGraceMs", DEFAULT_HOLD_GRACE_MS);
  }

  /**
   * The follow-ups that a step to {@code action} on {@code order} makes due, given the fields written with it. The
   * DISPATCH of a scheduled order falls due when its dispatch may start ({@link Scheduling}): nothing offers it before.
   * A cancellation also ends the order's dispatch follow-up (nothing left to dispatch).
   */
  List<TransactWriteItem> madeDueBy(Action action, JsonObject order, JsonObject fields) {
    String orderId = order.getString("orderId");
    long now = System.currentTimeMillis();
    return switch (action) {
      case ACCEPT -> List.of(Scheduling.waiting(order, now)
        ? followUps.scheduledItem(DISPATCH, orderId, Scheduling.dispatchAtMs(order)) : put(DISPATCH, orderId));
      case DELIVER -> List.of(put(SETTLE, orderId));
      case REJECT -> {
        List<TransactWriteItem> due = new ArrayList<>(refundIfPaid(orderId, fields));
        due.addAll(giveBack(order));
        yield due;
      }
      case CANCEL, ADMIN_CANCEL -> {
        List<TransactWriteItem> due = new ArrayList<>(refundIfPaid(orderId, fields));
        due.add(followUps.doneItem(DISPATCH, orderId));
        due.addAll(giveBack(order));
        yield due;
      }
      default -> List.of();
    };
  }

  private List<TransactWriteItem> refundIfPaid(String orderId, JsonObject fields) {
    return "REFUND_PENDING".equals(fields.getString("paymentStatus")) ? List.of(put(REFUND, orderId)) : List.of();
  }

  /** A cancelled or rejected order that held something gives it back: inline first, else the sweeper does. */
  List<TransactWriteItem> giveBack(JsonObject order) {
    return order.getBoolean("held", false) ? List.of(put(HOLD, order.getString("orderId"))) : List.of();
  }

  /** The hold taken by a placement: the sweeper gives it back if no order came of it within {@code holdGraceMs}. */
  TransactWriteItem hold(String orderId) {
    return followUps.putItem(HOLD, orderId, System.currentTimeMillis() + holdGraceMs);
  }

  TransactWriteItem put(String kind, String orderId) {
    return followUps.putItem(kind, orderId, System.currentTimeMillis() + graceMs);
  }

  FollowUps store() {
    return followUps;
  }
}
