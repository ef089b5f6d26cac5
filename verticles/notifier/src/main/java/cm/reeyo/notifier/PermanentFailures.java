package cm.reeyo.notifier;

import cm.reeyo.notifier.outbox.Dispatcher;
import cm.reeyo.notifier.provider.SendFailure;
import cm.reeyo.storage.Mask;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a permanent refusal teaches us: a number Twilio cannot reach marks the account's phone unreachable
 * ({@code phoneUnreachable: true}); a push token SNS refuses is forgotten.
 */
final class PermanentFailures implements Dispatcher.PermanentFailureListener {

  private static final Logger LOG = LoggerFactory.getLogger(PermanentFailures.class);

  private final AccountDirectory directory;
  private final Devices devices;

  PermanentFailures(AccountDirectory directory, Devices devices) {
    this.directory = directory;
    this.devices = devices;
  }

  @Override
  public Future<Void> onPermanent(Channel channel, JsonObject payload, SendFailure failure) {
    switch (channel) {
      case SMS -> {
        if (failure.reason().startsWith("twilio-")) {
          LOG.info("phone {} marked unreachable ({})", Mask.phone(payload.getString("to")), failure.reason());
          return directory.markPhoneUnreachable(payload.getString("accountId"), payload.getString("to"));
        }
        return Future.succeededFuture();
      }
      case PUSH -> {
        return devices.remove(payload.getString("accountId"), payload.getString("token"));
      }
      case EMAIL -> {
        LOG.info("e-mail to {} refused ({})", Mask.email(payload.getString("to")), failure.reason());
        return Future.succeededFuture();
      }
      default -> {
        return Future.succeededFuture();
      }
    }
  }
}
