package cm.reeyo.contracts;

/** Bus addresses of the notifier. A reply means the message is safely in the outbox, not yet delivered. */
public final class NotifyAddresses {
  public static final String SMS = "notify.v1.sms";
  public static final String EMAIL = "notify.v1.email";
  public static final String PUSH = "notify.v1.push";
  public static final String INBOX = "notify.v1.inbox";
  public static final String INBOX_LIST = "notify.v1.inbox-list";
  public static final String INBOX_READ = "notify.v1.inbox-read";
  public static final String REGISTER_DEVICE = "notify.v1.register-device";

  private NotifyAddresses() {
  }
}
