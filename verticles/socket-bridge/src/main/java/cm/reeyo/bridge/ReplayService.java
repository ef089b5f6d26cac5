package cm.reeyo.bridge;

import io.vertx.core.Future;
import cm.reeyo.contracts.bus.BusRequest;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ErrorCode;
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

  Future<JsonObject> handle(BusRequest request) {
    String address = request.body().getString("address");
    String lastId = request.body().getString("lastId");
    if (ClientAddress.parse(address).isEmpty() || !ReplayLog.isId(lastId)) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("expected {address: client address, lastId: \"<ms>-<seq>\"}"));
    }
    return log.since(address, lastId)
      .onSuccess(page -> stats.replayed())
      .recover(failure -> Future.failedFuture(ErrorCode.UNAVAILABLE.exception("replay log unavailable")));
  }
}
