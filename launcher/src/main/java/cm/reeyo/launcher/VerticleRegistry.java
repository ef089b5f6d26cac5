package cm.reeyo.launcher;

import cm.reeyo.adminapi.AdminApiVerticle;
import cm.reeyo.bridge.SocketBridgeVerticle;
import cm.reeyo.notifier.NotifierVerticle;
import cm.reeyo.orders.OrderEngineVerticle;
import cm.reeyo.riderapi.RiderApiVerticle;
import cm.reeyo.tcpbridge.TcpBridgeVerticle;
import cm.reeyo.userapi.UserApiVerticle;
import cm.reeyo.vendorapi.VendorApiVerticle;
import cm.reeyo.wallet.WalletEngineVerticle;
import io.vertx.core.Deployable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Verticle names, as used in {@code conf/} ({@code deploy}, {@code verticles}), mapped to their suppliers. */
public final class VerticleRegistry {

  private final Map<String, Supplier<? extends Deployable>> suppliers = new LinkedHashMap<>();

  /** The platform's verticles. */
  public static VerticleRegistry defaults() {
    return new VerticleRegistry()
      .register("user-api", UserApiVerticle::new)
      .register("vendor-api", VendorApiVerticle::new)
      .register("rider-api", RiderApiVerticle::new)
      .register("admin-api", AdminApiVerticle::new)
      .register("socket-bridge", SocketBridgeVerticle::new)
      .register("order-engine", OrderEngineVerticle::new)
      .register("wallet-engine", WalletEngineVerticle::new)
      .register("notifier", NotifierVerticle::new)
      .register("tcp-bridge", TcpBridgeVerticle::new);
  }

  /** Adds or replaces a name; answers this registry. */
  public VerticleRegistry register(String name, Supplier<? extends Deployable> supplier) {
    suppliers.put(name, supplier);
    return this;
  }

  public Optional<Supplier<? extends Deployable>> supplier(String name) {
    return Optional.ofNullable(suppliers.get(name));
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(suppliers.keySet());
  }
}
