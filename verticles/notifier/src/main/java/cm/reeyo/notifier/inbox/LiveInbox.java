package cm.reeyo.notifier.inbox;

import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.ClientEvent;
import cm.reeyo.contracts.ClientPublisher;
import cm.reeyo.contracts.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * Delivers each new inbox entry live: the client event {@code notification} with the entry as the inbox lists it
 * ({@code {notificationId, title, body, data, createdAt, read: false}}) to the account's client address
 * ({@code client.user.<id>}, {@code client.vendor.<id>}, {@code client.rider.<id>}, from the id's prefix), numbered
 * by the bridge so a reconnecting app can replay it. Fire and forget: the entry is stored whatever happens here.
 */
public final class LiveInbox {

  private final ClientPublisher publisher;

  public LiveInbox(Vertx vertx) {
    this.publisher = new ClientPublisher(vertx);
  }

  /** Sends the new entry to the account's apps (nothing for an id without a client address, e.g. an admin). */
  public void added(String accountId, String notificationId, JsonObject entry) {
    clientAddress(accountId).ifPresent(address -> publisher.publish(address, ClientEvent.NOTIFICATION,
      new JsonObject().put("notificationId", notificationId).mergeIn(entry).put("read", false)));
  }

  /** The client address of an account id ({@code user_…}, {@code vendor_…}, {@code rider_…}). */
  static Optional<String> clientAddress(String accountId) {
    for (Role role : new Role[] {Role.USER, Role.VENDOR, Role.RIDER}) {
      if (accountId.startsWith(role.name().toLowerCase() + "_")) {
        return Optional.of(ClientAddresses.of(role, accountId));
      }
    }
    return Optional.empty();
  }
}
