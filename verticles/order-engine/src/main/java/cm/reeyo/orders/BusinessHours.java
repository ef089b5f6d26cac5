package cm.reeyo.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * "Open now" from a vendor's {@code businessHours} in Africa/Douala time:
 * {@code {"mon":[{"open":"08:00","close":"22:00"}], ...}}. No hours at all = always open; hours without today's
 * key = closed today. A slot closing before it opens runs past midnight; {@code "24:00"} means end of day.
 */
public final class BusinessHours {

  public static final ZoneId ZONE = ZoneId.of("Africa/Douala");

  private BusinessHours() {
  }

  public static boolean isOpen(JsonObject hours, Instant at) {
    if (hours == null || hours.isEmpty()) {
      return true;
    }
    ZonedDateTime local = at.atZone(ZONE);
    LocalTime time = local.toLocalTime();
    if (openIn(hours.getValue(key(local.getDayOfWeek())), time, false)) {
      return true;
    }
    return openIn(hours.getValue(key(local.getDayOfWeek().minus(1))), time, true);
  }

  /** Today's slots, or yesterday's slots that run past midnight when {@code carryOver}. */
  private static boolean openIn(Object slots, LocalTime time, boolean carryOver) {
    if (!(slots instanceof JsonArray list)) {
      return false;
    }
    for (Object o : list) {
      if (!(o instanceof JsonObject slot)) {
        continue;
      }
      int open = minutes(slot.getString("open"));
      int close = minutes(slot.getString("close"));
      int now = time.getHour() * 60 + time.getMinute();
      if (open < 0 || close < 0) {
        continue;
      }
      boolean overnight = close <= open;
      if (carryOver) {
        if (overnight && now < close) {
          return true;
        }
      } else if (overnight ? now >= open : now >= open && now < close) {
        return true;
      }
    }
    return false;
  }

  static String key(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
  }

  /** Minutes since midnight of "HH:mm" (24:00 allowed), or -1 for anything else. */
  static int minutes(String hhmm) {
    if (hhmm == null || !hhmm.matches("\\d{2}:\\d{2}")) {
      return -1;
    }
    int h = Integer.parseInt(hhmm.substring(0, 2));
    int m = Integer.parseInt(hhmm.substring(3));
    if (h > 24 || m > 59 || (h == 24 && m > 0)) {
      return -1;
    }
    return h * 60 + m;
  }

  /** True when {@code hours} has the expected shape (used to validate a vendor's update). */
  public static boolean valid(JsonObject hours) {
    for (String day : hours.fieldNames()) {
      if (!day.matches("mon|tue|wed|thu|fri|sat|sun") || !(hours.getValue(day) instanceof JsonArray slots) || slots.size() > 6) {
        return false;
      }
      for (Object o : slots) {
        if (!(o instanceof JsonObject slot) || minutes(slot.getString("open")) < 0 || minutes(slot.getString("close")) < 0
          || slot.size() != 2) {
          return false;
        }
      }
    }
    return true;
  }
}
