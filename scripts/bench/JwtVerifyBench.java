import cm.reeyo.edge.JwtCodec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Loop benchmark (not a unit test): nanoseconds per access-token verification, JwtCodec on vertx-auth-jwt versus a
 * baseline that does what the former hand-written HS256 check did (header check, HMAC, constant-time compare, claim
 * checks), alternating in the same JVM after a warm-up. Prints per-round figures and the median ratio.
 */
public class JwtVerifyBench {

  static final String SECRET = "bench-secret-bench-secret-bench-secret-0123";

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Vertx vertx = Vertx.vertx();
    JwtCodec codec = new JwtCodec(vertx, SECRET, "reeyo", "reeyo-apps", Clock.systemUTC());
    HandWritten baseline = new HandWritten(SECRET.getBytes(StandardCharsets.UTF_8));
    String token = codec.sign(new JsonObject().put("sub", "user_1").put("role", "USER").put("typ", "access")
      .put("sid", "fam_1"), 3600);
    if (!baseline.verify(token) || !codec.verify(token).succeeded()) {
      throw new IllegalStateException("both must accept the token");
    }
    run(codec, baseline, token, perRound / 2);
    List<Double> ratios = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      double[] ns = run(codec, baseline, token, perRound);
      ratios.add(ns[0] / ns[1]);
      System.out.printf("round %d: JwtCodec %.0f ns, hand-written %.0f ns, ratio %.2f%n", r, ns[0], ns[1], ns[0] / ns[1]);
    }
    Collections.sort(ratios);
    System.out.printf("median ratio JwtCodec / hand-written: %.2f%n", ratios.get(ratios.size() / 2));
    vertx.close().await();
  }

  static double[] run(JwtCodec codec, HandWritten baseline, String token, int n) {
    int ok = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ok += codec.verify(token).succeeded() ? 1 : 0;
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ok += baseline.verify(token) ? 1 : 0;
    }
    long t2 = System.nanoTime();
    if (ok != 2 * n) {
      throw new IllegalStateException("a verification failed");
    }
    return new double[] {(t1 - t0) / (double) n, (t2 - t1) / (double) n};
  }

  /** The former check's work: decode and pin the header, HMAC, constant-time compare, decode and check claims. */
  record HandWritten(byte[] secret) {
    boolean verify(String token) {
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3 || !"HS256".equals(json(parts[0]).getValue("alg"))) {
        return false;
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
          return false;
        }
      } catch (Exception e) {
        return false;
      }
      JsonObject c = json(parts[1]);
      long now = System.currentTimeMillis() / 1000;
      return c.getValue("sub") instanceof String && c.getValue("exp") instanceof Number exp && exp.longValue() > now
        && "reeyo".equals(c.getValue("iss")) && "reeyo-apps".equals(c.getValue("aud"));
    }

    static JsonObject json(String part) {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
  }
}
