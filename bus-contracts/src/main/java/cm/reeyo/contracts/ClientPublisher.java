package cm.reeyo.contracts;

import cm.reeyo.contracts.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Sends client events through the bridge's numbering address; a missing bridge is not an error for the sender. */
public final class ClientPublisher {

  private final Vertx vertx;
  private final BusClient bus;

  public ClientPublisher(Vertx vertx) {
    this.vertx = vertx;
    this.bus = BusClient.of(vertx);
  }

  public Future<Void> publish(String clientAddress, ClientEvent event, JsonObject data) {
    JsonObject body = new JsonObject()
      .put("address", clientAddress)
      .put("envelope", ClientEnvelope.of(event, data).toJson());
    return bus.request(ClientAddresses.CLIENT_PUBLISH, body)
      .<Void>mapEmpty()
      .recover(failure -> {
        vertx.eventBus().publish(clientAddress, body.getJsonObject("envelope"));
        return Future.succeededFuture();
      });
  }
}
