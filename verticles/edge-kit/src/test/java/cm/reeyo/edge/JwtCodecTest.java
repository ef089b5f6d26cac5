package cm.reeyo.edge;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("HS256 token codec")
class JwtCodecTest {

  static final String SECRET = "test-secret-test-secret-test-secret-42";
  final JwtCodec codec = new JwtCodec(SECRET, "reeyo", "reeyo-apps", Clock.systemUTC());

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  JsonObject claims() {
    return new JsonObject().put("sub", "user_1").put("role", "USER").put("typ", "access");
  }

  @Test
  @DisplayName("a token it signed verifies with every claim")
  void roundTrip() {
    JsonObject verified = codec.verify(codec.sign(claims(), 60)).orElseThrow();
    assertThat(verified.getString("sub")).isEqualTo("user_1");
    assertThat(verified.getString("iss")).isEqualTo("reeyo");
    assertThat(verified.getString("aud")).isEqualTo("reeyo-apps");
    assertThat(verified.getLong("exp") - verified.getLong("iat")).isEqualTo(60);
  }

  @Test
  @DisplayName("alg none, another secret, tampering, expiry, wrong iss or aud, missing exp are all refused")
  void attacks() {
    String good = codec.sign(claims(), 60);
    String[] parts = good.split("\\.");
    long now = Instant.now().getEpochSecond();
    String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertThat(codec.verify(noneHeader + "." + parts[1] + ".")).isEmpty();
    JwtCodec other = new JwtCodec("another-secret-another-secret-another", "reeyo", "reeyo-apps", Clock.systemUTC());
    assertThat(codec.verify(other.sign(claims(), 60))).isEmpty();
    String tampered = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
      .replace("\"USER\"", "\"ADMIN\""));
    assertThat(codec.verify(parts[0] + "." + tampered + "." + parts[2])).isEmpty();
    JwtCodec past = new JwtCodec(SECRET, "reeyo", "reeyo-apps",
      Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
    assertThat(codec.verify(past.sign(claims(), 60))).isEmpty();
    assertThat(codec.verify(new JwtCodec(SECRET, "evil", "reeyo-apps", Clock.systemUTC()).sign(claims(), 60))).isEmpty();
    assertThat(codec.verify(new JwtCodec(SECRET, "reeyo", "other-app", Clock.systemUTC()).sign(claims(), 60))).isEmpty();
    String noExpPayload = b64(claims().put("iss", "reeyo").put("aud", "reeyo-apps").put("iat", now).encode());
    assertThat(codec.verify(forge(parts[0], noExpPayload))).isEmpty();
    String hs512 = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
    assertThat(codec.verify(hs512 + "." + parts[1] + "." + parts[2])).isEmpty();
    assertThat(codec.verify("garbage")).isEmpty();
    assertThat(codec.verify(forge(parts[0], parts[1]))).isPresent();
  }

  @Test
  @DisplayName("a secret shorter than 32 characters is refused")
  void shortSecret() {
    assertThatThrownBy(() -> new JwtCodec("short", "reeyo", "reeyo-apps", Clock.systemUTC()))
      .isInstanceOf(IllegalArgumentException.class);
  }

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
