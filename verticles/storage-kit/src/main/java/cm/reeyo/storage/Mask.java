package cm.reeyo.storage;

/** Masks personal data before it reaches a log line or audit text. */
public final class Mask {

  private Mask() {
  }

  /** {@code +237670000001} → {@code +2376*****001}. */
  public static String phone(String phone) {
    if (phone == null || phone.length() < 7) {
      return "***";
    }
    int keepStart = Math.min(5, phone.length() - 4);
    return phone.substring(0, keepStart) + "*".repeat(phone.length() - keepStart - 3) + phone.substring(phone.length() - 3);
  }

  /** {@code john.doe@example.com} → {@code j***@example.com}. */
  public static String email(String email) {
    if (email == null) {
      return "***";
    }
    int at = email.indexOf('@');
    return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
  }
}
