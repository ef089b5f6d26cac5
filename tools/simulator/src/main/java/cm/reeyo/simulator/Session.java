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

  /** Whether the access token expires within {@code marginMs} (its {@code exp} claim; 15 min after login if unreadable). */
  boolean expiring(long now, long marginMs) {
    return token != null && refreshToken != null && now + marginMs >= expiresAtMs();
  }

  /** The access token's {@code exp} in epoch ms. */
  long expiresAtMs() {
    try {
      String payload = token.split("\\.")[1];
      String json = new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
      return new io.vertx.core.json.JsonObject(json).getLong("exp") * 1000;
    } catch (RuntimeException e) {
      return obtainedAt + 15 * 60_000;
    }
  }

  /** The API this session logs in through (and refreshes its token on). */
  Http.Api api() {
    return switch (kind) {
      case "vendor" -> Http.Api.VENDOR;
      case "rider" -> Http.Api.RIDER;
      case "admin" -> Http.Api.ADMIN;
      default -> Http.Api.USER;
    };
  }
}
