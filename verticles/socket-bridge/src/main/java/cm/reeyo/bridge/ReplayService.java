package cm.reeyo.bridge;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * {@link ClientAddresses#CLIENT_REPLAY}: {@code {address, lastId}} → {@code {address, items, complete}}. Only reached
 * through the bridge, which has already authorized the address for the socket's principal as it would a REGISTER.
 */
final class ReplayService {

  private final ReplayLog log;
  private final BridgeStats stats;

  ReplayService(ReplayLog log, BridgeStats stats) {
    this.log = log;
    this.stats = stats;
  }

  void handle(Message<Object> message) {
    if (BusPrincipal.of(message).isEmpty()) {
      message.fail(ErrorCode.UNAUTHORIZED.busCode(), "no principal");
      return;
    }
    if (!(message.body() instanceof JsonObject body)
      || !(body.getValue("address") instanceof String address) || ClientAddress.parse(address).isEmpty()
      || !(body.getValue("lastId") instanceof String lastId) || !ReplayLog.isId(lastId)) {
      message.fail(ErrorCode.VALIDATION_FAILED.busCode(), "expected {address: client address, lastId: \"<ms>-<seq>\"}");
      return;
    }
    log.since(address, lastId)
      .onSuccess(page -> {
        stats.replayed();
        message.reply(page);
      })
      .onFailure(failure -> message.fail(ErrorCode.UNAVAILABLE.busCode(), "replay log unavailable"));
  }
}
