package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The calling side of every contract: a request carries the caller in the principal headers (or none, for a service
 * call) and waits the contract's timeout; the reply is its JSON object. A failure is always a coded
 * {@link ReplyException}: the callee's code, TIMEOUT when no answer came in time, UNAVAILABLE when no one serves the
 * address.
 */
public final class BusClient {

  private final Vertx vertx;

  private BusClient(Vertx vertx) {
    this.vertx = vertx;
    ContractCheck.install(vertx);
  }

  public static BusClient of(Vertx vertx) {
    return new BusClient(vertx);
  }

  /** A service call (no principal). */
  public Future<JsonObject> request(String address, JsonObject body) {
    return request(address, body, null);
  }

  /** A call on behalf of {@code caller} (null: a service call). */
  public Future<JsonObject> request(String address, JsonObject body, Principal caller) {
    Contract contract = BusContracts.get().of(address);
    DeliveryOptions options = PrincipalHeaders.write(new DeliveryOptions().setSendTimeout(contract.timeoutMs()), caller);
    return vertx.eventBus().<Object>request(address, body, options)
      .map(reply -> reply.body() instanceof JsonObject json ? json : new JsonObject())
      .recover(failure -> Future.failedFuture(coded(address, failure)));
  }

  /** Publishes to every listener of a publish or client-event contract. */
  public void publish(String address, JsonObject message) {
    BusContracts.get().of(address);
    vertx.eventBus().publish(address, message);
  }

  /** Sends {@code body} as {@code caller} to a request-reply address without waiting for an answer. */
  public void send(String address, JsonObject body, Principal caller) {
    BusContracts.get().of(address);
    vertx.eventBus().send(address, body, PrincipalHeaders.write(new DeliveryOptions(), caller));
  }

  private static ReplyException coded(String address, Throwable failure) {
    ErrorCode code = ErrorCode.of(failure);
    if (failure instanceof ReplyException reply && reply.failureCode() == code.busCode()) {
      return reply;
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ReplyException(ReplyFailure.NO_HANDLERS, code.busCode(), address + ": " + failure.getMessage());
    }
    return code.exception(address + ": " + failure.getMessage());
  }
}
