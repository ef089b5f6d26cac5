package cm.reeyo.simulator;

import io.vertx.core.Future;

/**
 * One app's login: its account id, tokens and the address it calls from (the simulator is the city's proxy: each
 * device has its own address, sent as {@code X-Forwarded-For}). The access token is renewed through
 * {@code /auth/refresh} before it expires, one renewal at a time.
 */
final class Session {

  static final long RENEW_AFTER_MS = 10 * 60_000;

  final String kind;
  final String ip;
  String id;
  String token;
  String refreshToken;
  long obtainedAt;
  Future<Void> renewing;

  Session(String kind, String ip) {
    this.kind = kind;
    this.ip = ip;
  }

  void loggedIn(String id, String token, String refreshToken, long now) {
    this.id = id;
    this.token = token;
    this.refreshToken = refreshToken;
    this.obtainedAt = now;
  }

  boolean stale(long now) {
    return token != null && refreshToken != null && now - obtainedAt > RENEW_AFTER_MS;
  }
}
