package cm.reeyo.contracts;

/** Addresses clients may send to through the bridge; the sender is in the {@link Principal} headers. */
public final class RealtimeAddresses {
  public static final String RIDER_LOCATION = "rider.v1.location";
  public static final String TYPING = "chat.v1.typing";

  private RealtimeAddresses() {
  }
}
