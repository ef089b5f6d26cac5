package cm.reeyo.bridge;

import cm.reeyo.contracts.bus.BusRequest;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way out to client addresses. {@link ClientAddresses#CLIENT_PUBLISH} ({@code {address, envelope}}, sent point to
 * point so exactly one bridge instance handles each) numbers the envelope in the {@link ReplayLog}, publishes it with
 * its {@code id} cluster-wide and replies {@code {id}}. Live-only events (rider positions, typing) go out through
 * {@link #publishLive} without an id and are never replayed: a stale position or typing flag is worse than none.
 * Every order envelope is also published live to {@link ClientAddresses#ADMINS}, the admins' operations feed.
 */
final class ClientOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(ClientOutbox.class);
  private static final int MAX_ENVELOPE_CHARS = 32 * 1024;
  private static final String ORDER_PREFIX = ClientAddresses.order("");

  private final Vertx vertx;
  private final ReplayLog log;
  private final BridgeStats stats;

  ClientOutbox(Vertx vertx, ReplayLog log, BridgeStats stats) {
    this.vertx = vertx;
    this.log = log;
    this.stats = stats;
  }

  /** {@code client.v1.publish}, already checked against its contract. */
  Future<JsonObject> handlePublish(BusRequest request) {
    String address = request.body().getString("address");
    JsonObject envelope = request.body().getJsonObject("envelope");
    if (ClientAddress.parse(address).isEmpty()) {
      return Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("expected {address: client address, envelope: {event, data, at}}"));
    }
    if (envelope.encode().length() > MAX_ENVELOPE_CHARS) {
      return Future.failedFuture(ErrorCode.PAYLOAD_TOO_LARGE.exception("envelope larger than " + MAX_ENVELOPE_CHARS + " characters"));
    }
    return publishNumbered(address, envelope).map(id -> new JsonObject().put("id", id));
  }

  /** Numbers, keeps and publishes; if Redis is down the envelope still goes out live, without an id. */
  Future<String> publishNumbered(String address, JsonObject envelope) {
    JsonObject stored = envelope.copy();
    stored.remove("id");
    return log.append(address, stored)
      .map(id -> {
        stats.numbered();
        vertx.eventBus().publish(address, stored.copy().put("id", id));
        toAdmins(address, stored.copy().put("id", id));
        return id;
      })
      .recover(failure -> {
        LOG.warn("replay log unavailable, publishing {} live only: {}", address, failure.getMessage());
        vertx.eventBus().publish(address, stored);
        toAdmins(address, stored.copy());
        return Future.succeededFuture(null);
      });
  }

  void publishLive(String address, JsonObject envelope) {
    vertx.eventBus().publish(address, envelope);
  }

  /** Order events also go live to the admins' operations feed, with the address they were published to. */
  private void toAdmins(String address, JsonObject envelope) {
    if (address.startsWith(ORDER_PREFIX)) {
      vertx.eventBus().publish(ClientAddresses.ADMINS, envelope.put("address", address));
    }
  }
}
