package cm.reeyo.identity;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.storage.Mask;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Hands an OTP to the notifier ({@link NotifyAddresses#SMS}) without waiting for it: registration succeeds even when
 * no notifier answers (the user can ask for the code again). Failures are logged with the phone masked, never the code.
 */
public final class OtpSender {

  private static final Logger LOG = LoggerFactory.getLogger(OtpSender.class);

  private final Vertx vertx;

  public OtpSender(Vertx vertx) {
    this.vertx = vertx;
  }

  public void send(String accountId, String phone, String code, String language) {
    JsonObject sms = new JsonObject()
      .put("to", phone)
      .put("template", "otp")
      .put("params", new JsonObject().put("code", code))
      .put("language", "en".equals(language) ? "en" : "fr")
      .put("accountId", accountId)
      .put("messageId", "otp-" + UUID.randomUUID());
    BusClient.of(vertx).request(NotifyAddresses.SMS, sms)
      .onFailure(f -> LOG.warn("OTP SMS to {} not accepted by the notifier: {}", Mask.phone(phone), f.getMessage()));
  }
}
