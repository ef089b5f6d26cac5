package cm.reeyo.edge;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The client's address: from the configured trusted proxy header only (its right-most entry, the one our own
 * proxy appended), else the socket's peer. A header set by the client itself is never believed otherwise.
 */
public final class ClientIp {

  private final String trustedHeader;

  public ClientIp(String trustedHeader) {
    this.trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader;
  }

  public String of(RoutingContext ctx) {
    if (trustedHeader != null) {
      String value = ctx.request().getHeader(trustedHeader);
      if (value != null && !value.isBlank()) {
        String[] hops = value.split(",");
        return hops[hops.length - 1].strip();
      }
    }
    SocketAddress peer = ctx.request().remoteAddress();
    return peer == null ? "unknown" : peer.hostAddress();
  }
}
