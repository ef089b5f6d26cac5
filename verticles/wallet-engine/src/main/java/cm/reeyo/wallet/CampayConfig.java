package cm.reeyo.wallet;

import io.vertx.core.json.JsonObject;

/**
 * The {@code campay} section of the node config: {@code baseUrl} (dev: the WireMock fakes at {@code fakes.baseUrl},
 * default http://127.0.0.1:8089; otherwise the sandbox https://demo.campay.net/api — production sets
 * https://www.campay.net/api), {@code username}, {@code password}, {@code webhookKey} (dev default
 * {@code dev-campay-webhook-key}; elsewhere required, or every webhook is refused), {@code timeoutMs} [10000],
 * {@code breakerMaxFailures} [5], {@code breakerResetMs} [30000]. Credentials come from the environment in production.
 */
public record CampayConfig(String baseUrl, String username, String password, String webhookKey, long timeoutMs,
                           int breakerMaxFailures, long breakerResetMs) {

  public static final String CONF = "campay";
  public static final String CONF_BASE_URL = "baseUrl";
  public static final String CONF_USERNAME = "username";
  public static final String CONF_PASSWORD = "password";
  public static final String CONF_WEBHOOK_KEY = "webhookKey";
  public static final String CONF_TIMEOUT_MS = "timeoutMs";
  public static final String CONF_BREAKER_MAX_FAILURES = "breakerMaxFailures";
  public static final String CONF_BREAKER_RESET_MS = "breakerResetMs";
  public static final String DEV_WEBHOOK_KEY = "dev-campay-webhook-key";
  public static final String DEFAULT_FAKES = "http://127.0.0.1:8089";
  public static final String SANDBOX = "https://demo.campay.net/api";

  public static CampayConfig from(JsonObject nodeConfig) {
    JsonObject c = nodeConfig.getJsonObject(CONF, new JsonObject());
    boolean dev = "dev".equals(nodeConfig.getString("mode", "dev"));
    String fakes = nodeConfig.getJsonObject("fakes", new JsonObject()).getString("baseUrl", DEFAULT_FAKES);
    String base = c.getString(CONF_BASE_URL, dev ? fakes : SANDBOX);
    return new CampayConfig(base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
      c.getString(CONF_USERNAME, dev ? "dev" : null),
      c.getString(CONF_PASSWORD, dev ? "dev" : null),
      c.getString(CONF_WEBHOOK_KEY, dev ? DEV_WEBHOOK_KEY : null),
      c.getLong(CONF_TIMEOUT_MS, 10_000L),
      c.getInteger(CONF_BREAKER_MAX_FAILURES, 5),
      c.getLong(CONF_BREAKER_RESET_MS, 30_000L));
  }
}
