package cm.reeyo.notifier;

/** Whole XAF amounts as people read them in Cameroon: {@code 17000} → {@code 17 000 FCFA}. */
public final class Money {

  private Money() {
  }

  public static String xaf(long amount) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(' ');
      }
      grouped.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + grouped + " FCFA";
  }
}
