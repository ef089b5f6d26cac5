package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * How an app gets an account, through the public routes only: register (the API texts a code), read the code the
 * phone received from the SMS fake, verify the phone, log in; riders upload their documents and the admin approves
 * them; the admin approves vendors and riders.
 */
final class Onboarding {

  static final String PASSWORD = "Sim#Pass2026";

  private final Http http;
  private final Fakes fakes;
  private final Session admin;
  private final RiderDocuments documents;

  Onboarding(Http http, Fakes fakes, Session admin) {
    this.http = http;
    this.fakes = fakes;
    this.admin = admin;
    this.documents = new RiderDocuments(http, admin);
  }

  /** Logs the admin in with the configured credentials. */
  static Future<Session> admin(Http http, String email, String password) {
    return admin(http, email, password, "10.9.0.1");
  }

  /**
   * As above, from another address: the money checks run as a second admin desk, since the platform's global limit
   * (100 requests / 15 min per address) is soon spent by one desk's approvals, hand-ins and cancellations.
   */
  static Future<Session> admin(Http http, String email, String password, String ip) {
    Session s = new Session("admin", ip);
    return http.ok(s, Http.Api.ADMIN, HttpMethod.POST, "/api/v1/auth/login",
        new JsonObject().put("email", email).put("password", password), "admin.login")
      .map(r -> {
        s.loggedIn(r.getJsonObject("admin", new JsonObject()).getString("adminId"), r.getString("token"),
          r.getString("refreshToken"), System.currentTimeMillis());
        return s;
      });
  }

  /**
   * Registers {@code form} on {@code api} as {@code session}, verifies the phone with the texted code, has the admin
   * approve it when {@code approval} names the admin route ("vendors" / "riders"), and logs in.
   */
  Future<Session> onboard(Session session, Http.Api api, JsonObject form, String approval) {
    String kind = session.kind;
    String phone = form.getString("phone");
    return http.ok(session, api, HttpMethod.POST, "/api/v1/auth/register", form.copy().put("password", PASSWORD), kind + ".register")
      .compose(account -> fakes.otp(phone).recover(f -> {
        http.stats().error(kind + ".otp", "not texted");
        return Future.failedFuture(f);
      }).compose(code -> http.ok(session, api, HttpMethod.POST, "/api/v1/auth/verify-phone",
        new JsonObject().put("phone", phone).put("code", code), kind + ".verify-phone")).map(v -> idOf(account, kind)))
      .compose(id -> login(session, api, phone).map(id))
      .compose(id -> "riders".equals(approval) ? documents.submit(session, id) : Future.succeededFuture(id))
      .compose(id -> approval == null ? Future.succeededFuture(id)
        : http.ok(admin, Http.Api.ADMIN, HttpMethod.POST, "/api/v1/" + approval + "/" + id + "/approve", null,
          "admin.approve-" + kind).map(id))
      .compose(id -> login(session, api, phone))
      .map(v -> session);
  }

  /** Logs in (a pending account may: it uploads its documents before approval); the session takes the tokens. */
  private Future<Void> login(Session session, Http.Api api, String phone) {
    String kind = session.kind;
    return http.ok(session, api, HttpMethod.POST, "/api/v1/auth/login",
        new JsonObject().put("phone", phone).put("password", PASSWORD), kind + ".login")
      .map(login -> {
        session.loggedIn(idOf(login.getJsonObject(kind, new JsonObject()), kind), login.getString("token"),
          login.getString("refreshToken"), System.currentTimeMillis());
        return null;
      });
  }

  private static String idOf(JsonObject account, String kind) {
    return account.getString(kind + "Id");
  }
}
