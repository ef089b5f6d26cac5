package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** What the bridge keeps per socket: who it is (once authenticated), until when, and its pending timer. */
final class SocketSession {

  private Principal principal;
  private String sessionId;
  private long expiresAtMs;
  private long timerId = -1;
  private final Set<String> addresses = new HashSet<>();
  private double frameTokens = Double.NaN;
  private long refilledAtNs;
  private int strikes;

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
    sessionId = auth.sessionId();
    expiresAtMs = Math.max(expiresAtMs, auth.expiresAtMs());
  }

  /** True when this socket belongs to one of {@code sessionIds}, or to {@code accountId} (may be null). */
  boolean endedBy(Collection<String> sessionIds, String accountId) {
    return principal != null
      && ((sessionId != null && sessionIds.contains(sessionId)) || principal.id().equals(accountId));
  }

  /**
   * Counts a registration before it is authorized, so concurrent REGISTER frames cannot exceed {@code max} while their
   * checks are pending. False when the socket is full; {@code address} already held counts once.
   */
  boolean reserve(String address, int max) {
    if (addresses.contains(address)) {
      return true;
    }
    if (addresses.size() >= max) {
      return false;
    }
    addresses.add(address);
    return true;
  }

  boolean holds(String address) {
    return addresses.contains(address);
  }

  void release(String address) {
    addresses.remove(address);
  }

  /**
   * Token bucket of inbound frames: true when this frame fits the socket's budget ({@code burst} at once, {@code rate}
   * per second after that). A refused frame is a strike; strikes are forgotten once the bucket has refilled.
   */
  boolean admitFrame(long nowNs, double rate, int burst) {
    if (Double.isNaN(frameTokens)) {
      frameTokens = burst;
      refilledAtNs = nowNs;
    }
    frameTokens = Math.min(burst, frameTokens + (nowNs - refilledAtNs) / 1e9 * rate);
    refilledAtNs = nowNs;
    if (frameTokens >= burst) {
      strikes = 0;
    }
    if (frameTokens >= 1) {
      frameTokens -= 1;
      return true;
    }
    strikes++;
    return false;
  }

  /** Frames refused for rate since the socket was last quiet. */
  int strikes() {
    return strikes;
  }

  long timerId() {
    return timerId;
  }

  void timerId(long id) {
    timerId = id;
  }
}
