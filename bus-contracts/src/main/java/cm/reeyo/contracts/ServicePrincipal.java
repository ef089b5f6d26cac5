package cm.reeyo.contracts;

/**
 * The sender of a message that a service outside the JVM put on the bus through the TCP bridge. It rides in the
 * usual principal headers ({@link Principal#HEADER_ID} = the service account id, {@link Principal#HEADER_ROLE} =
 * {@link #ROLE}), set by the bridge and never taken from the client. {@link #ROLE} is deliberately not a {@link Role}:
 * a consumer that parses the header into a {@link Role} sees no principal, so a service is never mistaken for a
 * customer, vendor, rider or admin; a consumer that serves services checks {@link #isService} explicitly.
 */
public final class ServicePrincipal {

  /** The role header value of every service account. */
  public static final String ROLE = "SERVICE";

  private ServicePrincipal() {
  }

  /** Whether these header values name a service account. */
  public static boolean isService(String roleHeader, String idHeader) {
    return ROLE.equals(roleHeader) && idHeader != null && !idHeader.isBlank();
  }
}
