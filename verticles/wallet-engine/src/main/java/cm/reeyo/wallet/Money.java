package cm.reeyo.wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Whole-XAF arithmetic of the settlement rule. */
public final class Money {

  private Money() {
  }

  /** {@code round_half_up(subtotal × rate)}: 15,000 at 0.15 → 2,250. */
  public static long commission(long subtotal, BigDecimal rate) {
    return BigDecimal.valueOf(subtotal).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** The rate as the percentage shown in entry descriptions ({@code 15%}, {@code 12.5%}). */
  public static String percent(BigDecimal rate) {
    return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
