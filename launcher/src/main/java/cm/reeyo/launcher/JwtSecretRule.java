package cm.reeyo.launcher;

import io.vertx.core.json.JsonObject;

/**
 * The launcher refuses to start without a JWT signing secret of at least {@value #MIN_LENGTH} characters
 * outside dev mode. Dev mode takes its shared secret from {@code conf/dev.json}.
 */
public final class JwtSecretRule {

  public static final int MIN_LENGTH = 32;
  public static final String JWT = "jwt";
  public static final String SECRET = "secret";

  private JwtSecretRule() {
  }

  public static void check(JsonObject config) {
    JsonObject jwt = config.getJsonObject(JWT, new JsonObject());
    Object secret = jwt.getValue(SECRET);
    if (secret != null && !(secret instanceof String)) {
      throw new ConfigException("jwt.secret must be a string");
    }
    int length = secret == null ? 0 : ((String) secret).length();
    if (LauncherConfig.isDev(config)) {
      if (length == 0) {
        throw new ConfigException("jwt.secret is missing: conf/dev.json provides one in dev mode");
      }
      return;
    }
    if (length < MIN_LENGTH) {
      throw new ConfigException("jwt.secret must be at least " + MIN_LENGTH
        + " characters outside dev mode (set REEYO_JWT__SECRET); found " + length);
    }
  }
}
