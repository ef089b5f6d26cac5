package cm.reeyo.wallet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Campay webhook signatures (vertx-auth-jwt, HS256 with the webhook key)")
class WebhookVerifierTest {

  static final String KEY = "webhook-key-for-tests";
  static Vertx vertx;
  static WebhookVerifier verifier;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    verifier = new WebhookVerifier(vertx, KEY, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static boolean accepted(WebhookVerifier v, String signature, String reference, String external) {
    Future<JsonObject> result = v.verify(signature, reference, external);
    assertThat(result.isComplete()).isTrue();
    return result.succeeded();
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs as Campay does, with the JDK only, independently of the verifier under test. */
  static String campay(String header, JsonObject claims, String key) throws Exception {
    String body = b64(header) + "." + b64(claims.encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signature = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  @Test
  @DisplayName("a Campay-style signature naming the payment, with a future exp, verifies; so do ours; iat in the future is accepted")
  void genuine() throws Exception {
    long now = Instant.now().getEpochSecond();
    JsonObject claims = new JsonObject().put("reference", "ref_1").put("external_reference", "pm_1").put("exp", now + 300);
    String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    assertThat(accepted(verifier, campay(hs256, claims, KEY), "ref_1", "pm_1")).isTrue();
    assertThat(accepted(verifier, WebhookVerifier.sign(vertx, KEY, claims), "ref_1", "pm_1")).isTrue();
    assertThat(accepted(verifier, campay(hs256, claims.copy().put("iat", now + 3600), KEY), "ref_1", "pm_1")).isTrue();
    JsonObject onlyReference = claims.copy();
    onlyReference.remove("external_reference");
    assertThat(accepted(verifier, campay(hs256, onlyReference, KEY), "ref_1", "pm_1")).as("the reference alone").isTrue();
  }

  @Test
  @DisplayName("a signature without exp, or whose claims name no payment, fits no webhook")
  void claimsMustNameThePayment() throws Exception {
    long now = Instant.now().getEpochSecond();
    String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    JsonObject named = new JsonObject().put("reference", "ref_1").put("external_reference", "pm_1");
    assertThat(accepted(verifier, campay(hs256, named, KEY), "ref_1", "pm_1")).as("no exp").isFalse();
    assertThat(accepted(verifier, campay(hs256, new JsonObject().put("iat", now), KEY), "ref_1", "pm_1")).as("{iat}").isFalse();
    assertThat(accepted(verifier, campay(hs256, new JsonObject().put("exp", now + 300), KEY), "ref_1", "pm_1"))
      .as("names no payment").isFalse();
  }

  @Test
  @DisplayName("alg none, other algorithms, another key, tampering, expiry, another reference and no key are refused")
  void refused() throws Exception {
    long now = Instant.now().getEpochSecond();
    JsonObject claims = new JsonObject().put("reference", "ref_1").put("external_reference", "pm_1").put("exp", now + 300);
    String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    String good = campay(hs256, claims, KEY);
    String[] parts = good.split("\\.");
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    attacks.put("alg none, signature kept", b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]);
    attacks.put("alg HS512", campay("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, KEY));
    attacks.put("another key", campay(hs256, claims, "someone-elses-key"));
    attacks.put("tampered", parts[0] + "." + b64(claims.copy().put("reference", "ref_2").encode()) + "." + parts[2]);
    attacks.put("expired", campay(hs256, claims.copy().put("exp", now - 1), KEY));
    attacks.put("exp of the wrong type", campay(hs256, claims.copy().put("exp", "later"), KEY));
    attacks.put("garbage", "not.a.jwt");
    attacks.forEach((name, signature) -> assertThat(accepted(verifier, signature, "ref_1", "pm_1")).as(name).isFalse());
    assertThat(accepted(verifier, good, "ref_other", "pm_1")).as("another reference").isFalse();
    assertThat(accepted(verifier, good, "ref_1", "pm_other")).as("another external reference").isFalse();
    assertThat(accepted(verifier, null, "ref_1", "pm_1")).as("no signature").isFalse();
    assertThat(accepted(new WebhookVerifier(vertx, " ", Clock.systemUTC()), good, "ref_1", "pm_1"))
      .as("no webhook key configured").isFalse();
  }
}
