package cm.reeyo.notifier.provider;

import cm.reeyo.notifier.NotifierConfig;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** SMS through twilio-java. Payload: {@code {to, text}}. Blocking. */
public final class TwilioSms implements ChannelSender {

  /** Twilio error codes that mean "this number cannot receive our SMS": the account's phone is marked unreachable. */
  public static final Set<Integer> UNREACHABLE = Set.of(21211, 21214, 21217, 21408, 21610, 21612, 21614);

  private final TwilioRestClient client;
  private final PhoneNumber from;

  public TwilioSms(NotifierConfig.Twilio conf) {
    this.client = new TwilioRestClient.Builder(conf.accountSid(), conf.authToken())
      .httpClient(new TwilioHttpClient(conf.baseUrl()))
      .build();
    this.from = new PhoneNumber(conf.from());
  }

  @Override
  public String send(String messageId, JsonObject payload) {
    try {
      return Message.creator(new PhoneNumber(payload.getString("to")), from, payload.getString("text"))
        .create(client).getSid();
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      Integer code = e.getCode();
      if (code != null && UNREACHABLE.contains(code)) {
        throw SendFailure.permanent("twilio-" + code, "Twilio refused the number (" + code + ")");
      }
      if (status != null) {
        throw SendFailure.forHttpStatus(status, "Twilio answered " + status + (code == null ? "" : " code " + code));
      }
      throw SendFailure.transientFailure("twilio-error", "Twilio call failed: " + e.getClass().getSimpleName(), e);
    } catch (RuntimeException e) {
      throw SendFailure.transientFailure("twilio-io", "Twilio unreachable: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String provider() {
    return "twilio";
  }
}
