package cm.reeyo.userapi;

import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.userapi.AuthFlowTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("JWT attacks through the HTTP API: every forged, altered or misused token gets 401")
class JwtAttackTest {

  static TestApi api;
  static JsonObject login;
  static JsonObject claims;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    TestApi.deploy(vertx, TestApi.config(), 1, true).onComplete(ctx.succeeding(deployed -> {
      api = deployed;
      ctx.completeNow();
    }));
  }

  static JsonObject session() {
    if (login == null) {
      login = api.verifiedUser();
      String payload = login.getString("token").split("\\.")[1];
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
    return login;
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(JsonObject header, JsonObject payload, String secret) {
    String body = b64(header.encode()) + "." + b64(payload.encode());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  static JsonObject hs256() {
    return new JsonObject().put("alg", "HS256").put("typ", "JWT");
  }

  @Test
  @DisplayName("the genuine token works, and a re-signed copy of its claims with our secret works (the harness is sound)")
  void baseline() {
    assertThat(api.get("/api/v1/me", session().getString("token")).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/me", sign(hs256(), claims, TestConfig.JWT_SECRET)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("alg none, another secret, missing exp, expired, wrong iss, wrong aud, tampered payload, refresh tokens: 401")
  void attacks() {
    session();
    long now = Instant.now().getEpochSecond();
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + b64(claims.encode()) + ".");
    attacks.put("alg none, signature kept", b64(new JsonObject().put("alg", "none").encode()) + "." + b64(claims.encode())
      + "." + session().getString("token").split("\\.")[2]);
    attacks.put("other secret", sign(hs256(), claims, "another-secret-another-secret-another-secret"));
    attacks.put("missing exp", sign(hs256(), without(claims, "exp"), TestConfig.JWT_SECRET));
    attacks.put("expired", sign(hs256(), claims.copy().put("iat", now - 3600).put("exp", now - 60), TestConfig.JWT_SECRET));
    attacks.put("wrong iss", sign(hs256(), claims.copy().put("iss", "evil"), TestConfig.JWT_SECRET));
    attacks.put("wrong aud", sign(hs256(), claims.copy().put("aud", "evil-apps"), TestConfig.JWT_SECRET));
    attacks.put("alg HS512 header", sign(new JsonObject().put("alg", "HS512").put("typ", "JWT"), claims, TestConfig.JWT_SECRET));
    String[] parts = session().getString("token").split("\\.");
    attacks.put("tampered payload", parts[0] + "." + b64(claims.copy().put("role", "ADMIN").encode()) + "." + parts[2]);
    attacks.put("tampered subject", parts[0] + "." + b64(claims.copy().put("sub", "user_someone_else").encode()) + "." + parts[2]);
    attacks.put("refresh token as access token", session().getString("refreshToken"));
    attacks.put("JWT of type refresh", sign(hs256(), claims.copy().put("typ", "refresh"), TestConfig.JWT_SECRET));
    attacks.put("unknown account", sign(hs256(), claims.copy().put("sub", "user_nobody"), TestConfig.JWT_SECRET));
    attacks.put("garbage", "not.a.jwt");
    attacks.forEach((name, token) -> {
      var r = api.get("/api/v1/me", token);
      assertThat(r.statusCode()).as(name).isEqualTo(401);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).as(name).isEqualTo("UNAUTHORIZED");
    });
    assertError(api.get("/api/v1/me", null), 401, "UNAUTHORIZED");
  }
}
