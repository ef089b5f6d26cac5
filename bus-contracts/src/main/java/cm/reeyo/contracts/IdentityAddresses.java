package cm.reeyo.contracts;

/** Identity addresses: what the edges announce about accounts and sessions. */
public final class IdentityAddresses {

  /**
   * Publish {@code {sessionIds: [familyId…], accountId?, reason?}}: these sessions (and, with {@code accountId}, every
   * session of that account) were ended. Every socket-bridge instance closes the matching sockets. Sender: the API
   * verticle that ended them, through identity-kit's {@code Sessions}.
   */
  public static final String SESSIONS_ENDED = "identity.v1.sessions-ended";

  private IdentityAddresses() {
  }
}
