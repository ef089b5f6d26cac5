package cm.reeyo.notifier.provider;

/**
 * A provider refused or failed a message. Permanent failures (invalid number, bad address, disabled device) are
 * never retried; transient ones (5xx, timeouts, throttling, connection errors) are retried with backoff.
 * {@code reason} is a short stable tag ({@code twilio-21211}, {@code http-503}, {@code endpoint-disabled}, ...).
 */
public final class SendFailure extends RuntimeException {

  private final boolean permanent;
  private final String reason;

  private SendFailure(boolean permanent, String reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.permanent = permanent;
    this.reason = reason;
  }

  public static SendFailure permanent(String reason, String message) {
    return new SendFailure(true, reason, message, null);
  }

  public static SendFailure transientFailure(String reason, String message, Throwable cause) {
    return new SendFailure(false, reason, message, cause);
  }

  /** 408, 429 and 5xx are worth retrying; other 4xx are not, except 401/403 (our credentials: fix and retry). */
  public static SendFailure forHttpStatus(int status, String message) {
    boolean retry = status == 408 || status == 429 || status >= 500 || status == 401 || status == 403;
    return retry ? transientFailure("http-" + status, message, null) : permanent("http-" + status, message);
  }

  public boolean isPermanent() {
    return permanent;
  }

  public String reason() {
    return reason;
  }

  public static boolean isPermanent(Throwable t) {
    return t instanceof SendFailure f && f.permanent;
  }
}
