package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Scheduled orders: the customer names a delivery window ({@code scheduledFor}, the window's start, and
 * {@code windowMinutes}, default {@value #DEFAULT_WINDOW_MINUTES}) at least {@code scheduling.minLeadMs} ahead (30 min)
 * and at most {@code scheduling.maxAheadMs} (7 days), inside the vendor's business hours at both ends of the window.
 * The order is placed (and paid) at once, so the vendor sees it and may accept it at once; dispatch (offers to riders)
 * starts {@code scheduling.dispatchLeadMs} (20 min) before the window, through a DISPATCH follow-up due at that time,
 * written in the vendor's accept transaction ({@link OrderFollowUps}), so it survives restarts and a flushed cache.
 */
final class Scheduling {

  static final String CONF = "scheduling";
  static final long DEFAULT_MIN_LEAD_MS = 30 * 60_000L;
  static final long DEFAULT_MAX_AHEAD_MS = 7 * 24 * 3_600_000L;
  static final long DEFAULT_DISPATCH_LEAD_MS = 20 * 60_000L;
  static final int DEFAULT_WINDOW_MINUTES = 30;
  static final int MIN_WINDOW_MINUTES = 15;
  static final int MAX_WINDOW_MINUTES = 120;

  /** A requested delivery window. */
  record Window(Instant from, Instant until) {
  }

  private final long minLeadMs;
  private final long maxAheadMs;
  private final long dispatchLeadMs;

  Scheduling(long minLeadMs, long maxAheadMs, long dispatchLeadMs) {
    this.minLeadMs = minLeadMs;
    this.maxAheadMs = maxAheadMs;
    this.dispatchLeadMs = dispatchLeadMs;
  }

  static Scheduling fromConfig(JsonObject config) {
    JsonObject c = config.getJsonObject(CONF, new JsonObject());
    return new Scheduling(c.getLong("minLeadMs", DEFAULT_MIN_LEAD_MS), c.getLong("maxAheadMs", DEFAULT_MAX_AHEAD_MS),
      c.getLong("dispatchLeadMs", DEFAULT_DISPATCH_LEAD_MS));
  }

  /**
   * The window a placement asks for, null for an order wanted now. A malformed time or window length is
   * VALIDATION_FAILED (400); a window in the past, too soon or too far ahead is UNPROCESSABLE (422).
   */
  Window requested(JsonObject body, Instant now) {
    Object raw = body.getValue("scheduledFor");
    Object minutes = body.getValue("windowMinutes");
    if (raw == null) {
      if (minutes != null) {
        throw ErrorCode.VALIDATION_FAILED.exception("windowMinutes needs scheduledFor");
      }
      return null;
    }
    Instant from;
    try {
      from = Instant.parse((String) raw);
    } catch (ClassCastException | DateTimeParseException e) {
      throw ErrorCode.VALIDATION_FAILED.exception("scheduledFor must be an ISO-8601 instant, e.g. 2026-12-08T12:00:00Z");
    }
    long length = minutes == null ? DEFAULT_WINDOW_MINUTES : minutes instanceof Number m && m.doubleValue() == m.longValue() ? m.longValue() : -1;
    if (length < MIN_WINDOW_MINUTES || length > MAX_WINDOW_MINUTES) {
      throw ErrorCode.VALIDATION_FAILED.exception("windowMinutes must be " + MIN_WINDOW_MINUTES + " to " + MAX_WINDOW_MINUTES);
    }
    if (from.isBefore(now.plusMillis(minLeadMs))) {
      throw ErrorCode.UNPROCESSABLE.exception("A scheduled order must start at least " + Duration.ofMillis(minLeadMs).toMinutes()
        + " minutes from now");
    }
    if (from.isAfter(now.plusMillis(maxAheadMs))) {
      throw ErrorCode.UNPROCESSABLE.exception("A scheduled order can be at most " + Duration.ofMillis(maxAheadMs).toDays()
        + " days ahead");
    }
    return new Window(from, from.plusSeconds(length * 60));
  }

  /** VENDOR_CLOSED unless the vendor is open when the window starts and just before it ends. */
  static void checkOpen(JsonObject vendor, Window window) {
    JsonObject hours = vendor.getJsonObject("businessHours");
    if (!BusinessHours.isOpen(hours, window.from()) || !BusinessHours.isOpen(hours, window.until().minusSeconds(60))) {
      throw ErrorCode.VENDOR_CLOSED.exception("The vendor is closed during the requested delivery window");
    }
  }

  /** Adds the window and the instant dispatch starts to a new order. */
  JsonObject stamp(JsonObject order, Window window) {
    return order.put("scheduledFor", Timestamps.format(window.from()))
      .put("scheduledUntil", Timestamps.format(window.until()))
      .put("dispatchAt", Timestamps.format(window.from().minusMillis(dispatchLeadMs)));
  }

  /** When dispatch of {@code order} may start (epoch ms): its {@code dispatchAt}, or 0 for an order wanted now. */
  static long dispatchAtMs(JsonObject order) {
    String at = order.getString("dispatchAt");
    return at == null ? 0 : Instant.parse(at).toEpochMilli();
  }

  /** True while a scheduled order must not be offered to riders yet. */
  static boolean waiting(JsonObject order, long nowMs) {
    return dispatchAtMs(order) > nowMs;
  }
}
