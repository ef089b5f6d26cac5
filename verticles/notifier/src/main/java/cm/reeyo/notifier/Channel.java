package cm.reeyo.notifier;

/** Where a message goes. Inbox entries from domain events also pass through the outbox (deduplicated there). */
public enum Channel {
  SMS("sms"), EMAIL("email"), PUSH("push"), INBOX("push");

  private final String templateKey;

  Channel(String templateKey) {
    this.templateKey = templateKey;
  }

  /** The template section this channel renders from (the inbox shows the push texts). */
  public String templateKey() {
    return templateKey;
  }
}
