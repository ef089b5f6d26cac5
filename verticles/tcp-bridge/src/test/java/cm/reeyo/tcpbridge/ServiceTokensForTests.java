package cm.reeyo.tcpbridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;

/** Signs service JWTs the way an operator's tooling would: HS256, issuer reeyo, audience reeyo-services, 60 s. */
final class ServiceTokensForTests {

  private ServiceTokensForTests() {
  }

  static String sign(Vertx vertx, String secret, String subject, String type) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return jwt.generateToken(new JsonObject().put("sub", subject).put("typ", type), new JWTOptions()
      .setIssuer("reeyo").setAudience(List.of("reeyo-services")).setExpiresInSeconds(60));
  }
}
