package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;

/** What the bridge keeps per socket: who it is (once authenticated), until when, and its pending timer. */
final class SocketSession {

  private Principal principal;
  private long expiresAtMs;
  private long timerId = -1;

  boolean authenticated() {
    return principal != null;
  }

  Principal principal() {
    return principal;
  }

  boolean expired(long nowMs) {
    return principal != null && nowMs >= expiresAtMs;
  }

  long expiresAtMs() {
    return expiresAtMs;
  }

  /** A socket keeps one identity: a later token must name the same principal. */
  boolean accepts(Principal candidate) {
    return principal == null || principal.equals(candidate);
  }

  void authenticate(SocketAuth.Authenticated auth) {
    principal = auth.principal();
    expiresAtMs = Math.max(expiresAtMs, auth.expiresAtMs());
  }

  long timerId() {
    return timerId;
  }

  void timerId(long id) {
    timerId = id;
  }
}
