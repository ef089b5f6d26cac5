package cm.reeyo.notifier;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The notifier's settings, under {@code notifier} in the node config. A provider without credentials (dev, tests)
 * talks to the local fakes at {@code fakes.baseUrl} with dummy credentials; in any mode but {@code dev} (production
 * runs {@code prod}) a missing credential stops the verticle from starting. Credentials may also come from the environment
 * ({@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_FROM}, {@code SENDGRID_API_KEY},
 * {@code SENDGRID_FROM}, {@code SNS_IOS_ARN}, {@code SNS_ANDROID_ARN}).
 */
public record NotifierConfig(Twilio twilio, SendGrid sendgrid, Sns sns, Outbox outbox, Breaker breaker,
                             int inboxCap, int workers) {

  public static final String CONF = "notifier";
  public static final String CONF_FAKES = "fakes";
  public static final String CONF_FAKES_BASE_URL = "baseUrl";
  public static final String DEFAULT_FAKES_URL = "http://127.0.0.1:8089";
  public static final String CONF_INBOX_CAP = "inboxCap";
  public static final int DEFAULT_INBOX_CAP = 100;
  public static final String CONF_WORKERS = "workers";
  public static final int DEFAULT_WORKERS = 8;

  /** Twilio: {@code twilio.{accountSid, authToken, from, baseUrl}}; baseUrl null means the real api.twilio.com. */
  public record Twilio(String accountSid, String authToken, String from, String baseUrl) {
  }

  /** SendGrid: {@code sendgrid.{apiKey, from, fromName, baseUrl}}; baseUrl null means the real api.sendgrid.com. */
  public record SendGrid(String apiKey, String from, String fromName, String baseUrl) {
  }

  /** SNS: {@code sns.{endpoint, region, iosArn, androidArn}}; endpoint null means real AWS with its credential chain. */
  public record Sns(String endpoint, String region, String iosArn, String androidArn) {
  }

  /**
   * Outbox drain: {@code outbox.{drainIntervalMs (2000), leaseMs (60000), batch (25), baseDelayMs (2000),
   * maxDelayMs (300000), maxAttempts (10)}}. The lease outlasts any provider call (SDK timeouts are 10–30 s).
   */
  public record Outbox(long drainIntervalMs, long leaseMs, int batch, long baseDelayMs, long maxDelayMs, int maxAttempts) {
  }

  /** Circuit breaker per provider: {@code breaker.{maxFailures (5), resetTimeoutMs (30000)}}. */
  public record Breaker(int maxFailures, long resetTimeoutMs) {
  }

  public static NotifierConfig from(JsonObject node) {
    return from(node, System.getenv());
  }

  static NotifierConfig from(JsonObject node, Map<String, String> env) {
    JsonObject conf = node.getJsonObject(CONF, new JsonObject());
    String fakes = node.getJsonObject(CONF_FAKES, new JsonObject()).getString(CONF_FAKES_BASE_URL, DEFAULT_FAKES_URL);
    boolean production = !"dev".equals(node.getString("mode", "dev"));
    JsonObject tw = conf.getJsonObject("twilio", new JsonObject());
    JsonObject sg = conf.getJsonObject("sendgrid", new JsonObject());
    JsonObject sns = conf.getJsonObject("sns", new JsonObject());
    JsonObject ob = conf.getJsonObject("outbox", new JsonObject());
    JsonObject br = conf.getJsonObject("breaker", new JsonObject());

    String sid = value(tw, "accountSid", env, "TWILIO_ACCOUNT_SID");
    String token = value(tw, "authToken", env, "TWILIO_AUTH_TOKEN");
    boolean twilioFake = sid == null || token == null;
    require(!production || !twilioFake, "notifier.twilio.accountSid/authToken");
    Twilio twilio = new Twilio(twilioFake ? "AC00000000000000000000000000000000" : sid, twilioFake ? "fake-token" : token,
      orDefault(value(tw, "from", env, "TWILIO_FROM"), "+15005550006"),
      orDefault(tw.getString("baseUrl"), twilioFake ? fakes : null));

    String key = value(sg, "apiKey", env, "SENDGRID_API_KEY");
    require(!production || key != null, "notifier.sendgrid.apiKey");
    SendGrid sendgrid = new SendGrid(key == null ? "SG.fake-key" : key,
      orDefault(value(sg, "from", env, "SENDGRID_FROM"), "no-reply@reeyo.cm"), sg.getString("fromName", "Reeyo"),
      orDefault(sg.getString("baseUrl"), key == null ? fakes : null));

    String ios = value(sns, "iosArn", env, "SNS_IOS_ARN");
    String android = value(sns, "androidArn", env, "SNS_ANDROID_ARN");
    boolean snsFake = ios == null || android == null;
    require(!production || !snsFake, "notifier.sns.iosArn/androidArn");
    Sns push = new Sns(orDefault(sns.getString("endpoint"), snsFake ? fakes : null), sns.getString("region", "us-east-1"),
      orDefault(ios, "arn:aws:sns:us-east-1:000000000000:app/APNS/reeyo-dev"),
      orDefault(android, "arn:aws:sns:us-east-1:000000000000:app/GCM/reeyo-dev"));

    Outbox outbox = new Outbox(ob.getLong("drainIntervalMs", 2000L), ob.getLong("leaseMs", 60_000L),
      ob.getInteger("batch", 25), ob.getLong("baseDelayMs", 2000L), ob.getLong("maxDelayMs", 300_000L),
      ob.getInteger("maxAttempts", 10));
    Breaker breaker = new Breaker(br.getInteger("maxFailures", 5), br.getLong("resetTimeoutMs", 30_000L));
    return new NotifierConfig(twilio, sendgrid, push, outbox, breaker,
      conf.getInteger(CONF_INBOX_CAP, DEFAULT_INBOX_CAP), conf.getInteger(CONF_WORKERS, DEFAULT_WORKERS));
  }

  private static String value(JsonObject conf, String key, Map<String, String> env, String envName) {
    String v = conf.getString(key);
    if (v == null || v.isBlank()) {
      v = env.get(envName);
    }
    return v == null || v.isBlank() ? null : v;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("mode production needs " + what + " (config or environment)");
    }
  }
}
