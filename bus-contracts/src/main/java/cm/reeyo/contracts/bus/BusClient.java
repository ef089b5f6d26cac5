package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The calling side of every contract: a request carries the caller in the principal headers (or none, for a service
 * call) and waits at most the contract's timeout, its deadline; the reply is its JSON object. A request first passes
 * the address's bounded line ({@link CallGate}, {@link BusLimits}); an idempotent one ({@link Idempotency}) is sent
 * again once on another instance when its target vanished, within the same deadline ({@link FailoverCall}). A failure
 * is always a coded {@link ReplyException}: the callee's code, TIMEOUT when no answer came in time, UNAVAILABLE when
 * no one serves the address, the message could not be delivered, or too many requests already wait for it.
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
    DeliveryOptions options = PrincipalHeaders.write(new DeliveryOptions(), caller);
    CallGate gate = CallGate.of(vertx, address);
    return gate.enter().compose(admitted -> new FailoverCall(vertx, address, body, options, contract.timeoutMs(),
      contract.idempotency().covers(body)).start().andThen(done -> gate.leave()));
  }

  /**
   * A cluster member left: idempotent requests in flight on {@code vertx} are sent again once (the cluster layer calls
   * this from its membership listener; a request to a member that died is otherwise answered only by its deadline).
   */
  public static void memberLeft(Vertx vertx) {
    FailoverCall.nodeLeft(vertx);
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
}
