package cm.reeyo.contracts.bus;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every bus contract, read once from the classpath ({@code contracts/<domain>.json} of bus-contracts). The JSON files
 * are the truth; the address constants ({@code OrderAddresses}, ...) name the same addresses for Java callers.
 */
public final class BusContracts {

  /** The domain files, in the order the reference lists them. */
  public static final List<String> DOMAINS = List.of("orders", "catalog", "wallet", "notify", "realtime", "client", "identity", "ops");
  /** Addresses in these namespaces must have a contract. */
  public static final Pattern OWN_NAMESPACE = Pattern.compile("^(orders|catalog|wallet|notify|ops|client|chat|rider)\\..+");

  private static final BusContracts INSTANCE = load();

  private final Map<String, Contract> exact;
  private final List<Contract> patterns;
  private final Map<String, JsonObject> domains;

  private BusContracts(Map<String, Contract> exact, List<Contract> patterns, Map<String, JsonObject> domains) {
    this.exact = exact;
    this.patterns = patterns;
    this.domains = domains;
  }

  public static BusContracts get() {
    return INSTANCE;
  }

  /** The contract of an address (a per-identity client address finds its family), if there is one. */
  public Optional<Contract> find(String address) {
    Contract c = exact.get(address);
    if (c != null) {
      return Optional.of(c);
    }
    return patterns.stream().filter(p -> p.covers(address)).findFirst();
  }

  /** The contract of an address; an {@link IllegalArgumentException} when the address has none. */
  public Contract of(String address) {
    return find(address).orElseThrow(() -> new IllegalArgumentException("no bus contract for " + address));
  }

  /** All contracts, domain by domain, in file order. */
  public List<Contract> all() {
    List<Contract> all = new ArrayList<>(exact.values());
    all.addAll(patterns);
    all.sort((a, b) -> Integer.compare(DOMAINS.indexOf(a.domain()), DOMAINS.indexOf(b.domain())));
    return Collections.unmodifiableList(all);
  }

  /** A domain file's {@code description}. */
  public String description(String domain) {
    return domains.get(domain).getString("description", "");
  }

  private static BusContracts load() {
    Map<String, Contract> exact = new LinkedHashMap<>();
    List<Contract> patterns = new ArrayList<>();
    Map<String, JsonObject> domains = new LinkedHashMap<>();
    for (String domain : DOMAINS) {
      JsonObject file = read("contracts/" + domain + ".json");
      domains.put(domain, file);
      JsonObject defs = file.getJsonObject("$defs");
      file.getJsonArray("contracts").forEach(raw -> {
        Contract c = Contract.fromJson(domain, (JsonObject) raw, defs);
        if ((c.isPattern() ? patterns.stream().map(Contract::address).toList().contains(c.address())
          : exact.containsKey(c.address()))) {
          throw new IllegalStateException("two contracts for " + c.address());
        }
        if (c.isPattern()) {
          patterns.add(c);
        } else {
          exact.put(c.address(), c);
        }
      });
    }
    return new BusContracts(exact, patterns, domains);
  }

  private static JsonObject read(String resource) {
    try (InputStream in = BusContracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
