package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * Who may move an order where. Statuses: AWAITING_PAYMENT (mobile money not yet confirmed) → PENDING → ACCEPTED →
 * PREPARING → READY → PICKED_UP → DELIVERED, and REJECTED / CANCELLED. The rider's acceptance does not change
 * the status: it sets {@code riderId} while the order is ACCEPTED, PREPARING or READY.
 */
public final class Lifecycle {

  public static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
  public static final String PENDING = "PENDING";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String PREPARING = "PREPARING";
  public static final String READY = "READY";
  public static final String PICKED_UP = "PICKED_UP";
  public static final String DELIVERED = "DELIVERED";
  public static final String REJECTED = "REJECTED";
  public static final String CANCELLED = "CANCELLED";

  /** Statuses during which a rider can be assigned. */
  public static final List<String> DISPATCHABLE = List.of(ACCEPTED, PREPARING, READY);
  public static final List<String> FINAL = List.of(DELIVERED, REJECTED, CANCELLED);

  /** A step: who takes it, from which statuses, to which status. */
  public enum Action {
    ACCEPT(Role.VENDOR, List.of(PENDING), ACCEPTED),
    REJECT(Role.VENDOR, List.of(PENDING), REJECTED),
    PREPARING(Role.VENDOR, List.of(ACCEPTED), Lifecycle.PREPARING),
    READY(Role.VENDOR, List.of(Lifecycle.PREPARING), Lifecycle.READY),
    PICKUP(Role.RIDER, List.of(Lifecycle.READY), PICKED_UP),
    DELIVER(Role.RIDER, List.of(PICKED_UP), DELIVERED),
    CANCEL(Role.USER, List.of(AWAITING_PAYMENT, PENDING, ACCEPTED), CANCELLED),
    ADMIN_CANCEL(Role.ADMIN, List.of(AWAITING_PAYMENT, PENDING, ACCEPTED, Lifecycle.PREPARING, Lifecycle.READY, PICKED_UP),
      CANCELLED);

    private final Role role;
    private final List<String> from;
    private final String to;

    Action(Role role, List<String> from, String to) {
      this.role = role;
      this.from = from;
      this.to = to;
    }

    public Role role() {
      return role;
    }

    public List<String> from() {
      return from;
    }

    public String to() {
      return to;
    }

    /** The action named on the wire ({@code accept}, {@code preparing}, ...); a failure for anything else. */
    public static Action parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (RuntimeException e) {
        throw ErrorCode.VALIDATION_FAILED.exception("Unknown action");
      }
    }
  }

  private Lifecycle() {
  }

  /** True when the principal is a party of the order (admins see every order). */
  public static boolean isParty(JsonObject order, Principal p) {
    return switch (p.role()) {
      case ADMIN -> true;
      case USER -> p.id().equals(order.getString("userId"));
      case VENDOR -> p.id().equals(order.getString("vendorId"));
      case RIDER -> p.id().equals(order.getString("riderId"));
    };
  }

  /**
   * Checks that {@code p} may take {@code action} on {@code order}: the wrong role is FORBIDDEN, someone else's
   * order is NOT_FOUND (we do not reveal it), a status that does not allow it is ORDER_STATE_CONFLICT.
   */
  public static void check(Action action, JsonObject order, Principal p) {
    if (p.role() != action.role()) {
      throw ErrorCode.FORBIDDEN.exception("Your role cannot do this");
    }
    if (!isParty(order, p)) {
      throw ErrorCode.NOT_FOUND.exception("No such order");
    }
    if (!action.from().contains(order.getString("status"))) {
      throw ErrorCode.ORDER_STATE_CONFLICT.exception("The order is " + order.getString("status"));
    }
  }

  /** A timeline entry. */
  public static JsonObject entry(String status, Principal by, String note) {
    JsonObject e = new JsonObject().put("status", status).put("at", Timestamps.now())
      .put("by", by.id()).put("role", by.role().name());
    return note == null ? e : e.put("note", note);
  }
}
