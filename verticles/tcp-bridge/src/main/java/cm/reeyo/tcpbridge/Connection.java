package cm.reeyo.tcpbridge;

import io.vertx.core.Future;

import java.util.HashSet;
import java.util.Set;

/** One TCP connection's state: who it proved to be (settled by its first frame) and what it listens on. */
final class Connection {

  private Future<ServiceAccounts.Login> login;
  private final Set<String> listening = new HashSet<>();

  Connection(Future<ServiceAccounts.Login> login) {
    this.login = login;
  }

  Future<ServiceAccounts.Login> login() {
    return login;
  }

  /** A later frame proved the same account again: keeps the later expiry. */
  void renew(Future<ServiceAccounts.Login> again) {
    login = login.compose(first -> again.compose(next -> next.account().id().equals(first.account().id())
      ? Future.succeededFuture(next.expiresAtMs() > first.expiresAtMs() ? next : first)
      : Future.failedFuture("credentials of another account")));
  }

  boolean listens(String address) {
    return listening.contains(address);
  }

  boolean listen(String address, int max) {
    return listening.size() < max && listening.add(address);
  }

  void stopListening(String address) {
    listening.remove(address);
  }
}
