package cm.reeyo.wallet;

/** One side of a transfer: a signed amount on one account (credit positive, debit negative) and its description. */
public record Leg(Account account, long amount, String description) {

  public Leg {
    if (amount == 0) {
      throw new IllegalArgumentException("a leg moves a non-zero amount");
    }
  }

  public static Leg credit(Account account, long amount, String description) {
    return new Leg(account, amount, description);
  }

  public static Leg debit(Account account, long amount, String description) {
    return new Leg(account, -amount, description);
  }

  public String type() {
    return amount > 0 ? "CREDIT" : "DEBIT";
  }
}
