package cm.reeyo.notifier.provider;

import io.vertx.core.json.JsonObject;

/**
 * Hands one rendered message to a provider. Blocking: called on a worker thread only, never on an event loop.
 * Answers the provider's id for the message; throws {@link SendFailure} (other exceptions count as transient).
 */
public interface ChannelSender {

  String send(String messageId, JsonObject payload);

  /** The provider's name, also its circuit breaker's name. */
  String provider();
}
