package cm.reeyo.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers and e-mail addresses in canonical form: E.164 (Cameroon is the default region), lower-case e-mail. */
public final class PhoneNumbers {

  public static final String DEFAULT_REGION = "CM";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern EMAIL = Pattern.compile(
    "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private PhoneNumbers() {
  }

  /** The E.164 form of a valid number ({@code 670000001} → {@code +237670000001}); empty when not a valid number. */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 32) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber number = UTIL.parse(raw, DEFAULT_REGION);
      return UTIL.isValidNumber(number)
        ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
        : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The country calling code of an E.164 number ({@code +237670000001} → 237), 0 when it cannot be parsed. */
  public static int countryCode(String e164) {
    try {
      return UTIL.parse(e164, DEFAULT_REGION).getCountryCode();
    } catch (NumberParseException e) {
      return 0;
    }
  }

  /** The lower-cased address when it is a plausible e-mail address (254 characters at most); empty otherwise. */
  public static Optional<String> normalizeEmail(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.strip().toLowerCase(java.util.Locale.ROOT);
    return email.length() <= 254 && EMAIL.matcher(email).matches() ? Optional.of(email) : Optional.empty();
  }
}
