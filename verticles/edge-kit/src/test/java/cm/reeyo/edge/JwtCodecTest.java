package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("HS256 token codec (vertx-auth-jwt)")
class JwtCodecTest {

  static final String SECRET = "test-secret-test-secret-test-secret-42";
  static Vertx vertx;
  static JwtCodec codec;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    codec = codec(SECRET, "reeyo", "reeyo-apps", Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static JwtCodec codec(String secret, String issuer, String audience, Clock clock) {
    return new JwtCodec(vertx, secret, issuer, audience, clock);
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The verified claims, or null when refused; the codec answers completed futures, so no waiting is involved. */
  static JsonObject verified(String token) {
    Future<JsonObject> result = codec.verify(token);
    assertThat(result.isComplete()).as("verification completes at once").isTrue();
    return result.succeeded() ? result.result() : null;
  }

  JsonObject claims() {
    return new JsonObject().put("sub", "user_1").put("role", "USER").put("typ", "access").put("sid", "fam_1");
  }

  @Test
  @DisplayName("a token it signed verifies with every claim, sid and role included")
  void roundTrip() {
    JsonObject verified = verified(codec.sign(claims(), 60));
    assertThat(verified.getString("sub")).isEqualTo("user_1");
    assertThat(verified.getString("role")).isEqualTo("USER");
    assertThat(verified.getString("sid")).isEqualTo("fam_1");
    assertThat(verified.getString("iss")).isEqualTo("reeyo");
    assertThat(verified.getString("aud")).isEqualTo("reeyo-apps");
    assertThat(verified.getLong("exp") - verified.getLong("iat")).isEqualTo(60);
  }

  @Test
  @DisplayName("the header names HS256 and the payload keeps a string audience (the wire shape clients see)")
  void wireShape() {
    String[] parts = codec.sign(claims(), 60).split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("HS256");
    assertThat(header.getString("typ")).isEqualTo("JWT");
    assertThat(payload.getValue("aud")).isEqualTo("reeyo-apps");
    assertThat(payload.fieldNames()).containsExactlyInAnyOrder("sub", "role", "typ", "sid", "iss", "aud", "iat", "exp");
  }

  @Test
  @DisplayName("alg none, other algorithms, another secret, tampering, expiry, wrong iss or aud, missing claims are refused")
  void attacks() {
    String good = codec.sign(claims(), 60);
    String[] parts = good.split("\\.");
    long now = Instant.now().getEpochSecond();
    JsonObject base = claims().put("iss", "reeyo").put("aud", "reeyo-apps").put("iat", now).put("exp", now + 60);
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    attacks.put("alg none, signature kept", b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]);
    attacks.put("alg HS512 header", b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
    attacks.put("alg HS512 re-signed", forge(b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}"), parts[1]));
    attacks.put("alg RS256 header", b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
    attacks.put("crit header", forge(b64("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}"), parts[1]));
    attacks.put("another secret", codec("another-secret-another-secret-another", "reeyo", "reeyo-apps",
      Clock.systemUTC()).sign(claims(), 60));
    attacks.put("tampered role", parts[0] + "." + b64(base.copy().put("role", "ADMIN").encode()) + "." + parts[2]);
    attacks.put("expired", codec(SECRET, "reeyo", "reeyo-apps",
      Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC)).sign(claims(), 60));
    attacks.put("wrong iss", codec(SECRET, "evil", "reeyo-apps", Clock.systemUTC()).sign(claims(), 60));
    attacks.put("wrong aud", codec(SECRET, "reeyo", "other-app", Clock.systemUTC()).sign(claims(), 60));
    for (String claim : new String[] {"exp", "iat", "sub", "role", "typ", "iss", "aud"}) {
      JsonObject without = base.copy();
      without.remove(claim);
      attacks.put("missing " + claim, forge(parts[0], b64(without.encode())));
    }
    attacks.put("iss of the wrong type", forge(parts[0], b64(base.copy().put("iss", 42).encode())));
    attacks.put("exp of the wrong type", forge(parts[0], b64(base.copy().put("exp", "tomorrow").encode())));
    attacks.put("aud of the wrong type", forge(parts[0], b64(base.copy().put("aud", 7).encode())));
    attacks.put("iat far in the future", forge(parts[0], b64(base.copy().put("iat", now + 600).encode())));
    attacks.put("four segments", good + ".x");
    attacks.put("garbage", "garbage");
    attacks.put("empty", "");
    attacks.forEach((name, token) -> assertThat(verified(token)).as(name).isNull());
    assertThat(verified(null)).isNull();
    assertThat(verified(forge(parts[0], b64(base.encode())))).as("the forging harness is sound").isNotNull();
    assertThat(verified(forge(b64("{\"alg\":\"HS256\"}"), b64(base.copy().put("iat", now + 30).encode()))))
      .as("an iat within the tolerated clock skew").isNotNull();
  }

  @Test
  @DisplayName("a secret shorter than 32 characters is refused")
  void shortSecret() {
    assertThatThrownBy(() -> codec("short", "reeyo", "reeyo-apps", Clock.systemUTC()))
      .isInstanceOf(IllegalArgumentException.class);
  }

  /** Signs with the test secret through the JDK, independently of the codec under test. */
  static String forge(String header, String payload) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
