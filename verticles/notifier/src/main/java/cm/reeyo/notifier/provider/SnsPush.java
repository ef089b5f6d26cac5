package cm.reeyo.notifier.provider;

import cm.reeyo.notifier.NotifierConfig;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mobile push through Amazon SNS platform endpoints (iOS APNs, Android FCM). Payload:
 * {@code {platform: IOS|ANDROID, token, title, body, data}}. The device's platform endpoint is created on first
 * use (CreatePlatformEndpoint is idempotent for a token) and remembered. The messageId rides in the push data, so
 * the app can drop a duplicate. Blocking.
 */
public final class SnsPush implements ChannelSender {

  private final SnsClient sns;
  private final NotifierConfig.Sns conf;
  private final Map<String, String> endpoints = new ConcurrentHashMap<>();

  public SnsPush(NotifierConfig.Sns conf) {
    this.conf = conf;
    SnsClientBuilder builder = SnsClient.builder()
      .region(Region.of(conf.region()))
      .overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallTimeout(Duration.ofSeconds(20))
        .apiCallAttemptTimeout(Duration.ofSeconds(10))
        .build());
    if (conf.endpoint() != null) {
      builder.endpointOverride(URI.create(conf.endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    this.sns = builder.build();
  }

  @Override
  public String send(String messageId, JsonObject payload) {
    String token = payload.getString("token");
    boolean ios = "IOS".equals(payload.getString("platform"));
    try {
      String endpointArn = endpoints.computeIfAbsent(token, t -> sns.createPlatformEndpoint(b -> b
        .platformApplicationArn(ios ? conf.iosArn() : conf.androidArn()).token(t)).endpointArn());
      return sns.publish(b -> b.targetArn(endpointArn).messageStructure("json")
        .message(message(messageId, payload).encode())).messageId();
    } catch (EndpointDisabledException e) {
      endpoints.remove(token);
      throw SendFailure.permanent("endpoint-disabled", "SNS endpoint disabled");
    } catch (InvalidParameterException e) {
      throw SendFailure.permanent("invalid-token", "SNS refused the device token");
    } catch (SnsException e) {
      throw SendFailure.forHttpStatus(e.statusCode(), "SNS answered " + e.statusCode());
    } catch (SdkException | IllegalStateException e) {
      throw SendFailure.transientFailure("sns-io", "SNS unreachable: " + e.getClass().getSimpleName(), e);
    }
  }

  static JsonObject message(String messageId, JsonObject payload) {
    JsonObject data = payload.getJsonObject("data", new JsonObject()).copy().put("messageId", messageId);
    JsonObject stringData = new JsonObject();
    data.forEach(e -> stringData.put(e.getKey(), String.valueOf(e.getValue())));
    String title = payload.getString("title");
    String body = payload.getString("body");
    String apns = new JsonObject()
      .put("aps", new JsonObject().put("alert", new JsonObject().put("title", title).put("body", body)).put("sound", "default"))
      .put("data", data).encode();
    String gcm = new JsonObject()
      .put("notification", new JsonObject().put("title", title).put("body", body))
      .put("data", stringData).encode();
    return new JsonObject().put("default", body).put("APNS", apns).put("APNS_SANDBOX", apns).put("GCM", gcm);
  }

  @Override
  public String provider() {
    return "sns";
  }
}
