package cm.reeyo.contracts.bus;

/** How an address is used on the bus. */
public enum Kind {
  /** Point to point; the callee answers a JSON reply or a coded failure within the contract's timeout. */
  REQUEST_REPLY("request-reply"),
  /** Fire and forget to every listener; no reply. */
  PUBLISH("publish"),
  /** Envelopes published to a per-identity client address and carried out to the apps by the socket bridge. */
  CLIENT_EVENT("client-event");

  private final String wireName;

  Kind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static Kind of(String wireName) {
    for (Kind k : values()) {
      if (k.wireName.equals(wireName)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown contract kind " + wireName);
  }
}
