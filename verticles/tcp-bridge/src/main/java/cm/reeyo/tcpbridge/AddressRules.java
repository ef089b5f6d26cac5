package cm.reeyo.tcpbridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The addresses one kind of operation of a service account may touch: exact addresses and whole-address regular
 * expressions. Config entries are a string (exact), {@code {"address": "..."}} or {@code {"regex": "..."}}.
 */
record AddressRules(Set<String> exact, List<Pattern> patterns) {

  static final AddressRules NONE = new AddressRules(Set.of(), List.of());

  static AddressRules from(JsonArray entries, String where) {
    if (entries == null) {
      return NONE;
    }
    List<String> exact = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    for (Object entry : entries) {
      if (entry instanceof String address) {
        exact.add(address);
      } else if (entry instanceof JsonObject rule && rule.getValue("address") instanceof String address) {
        exact.add(address);
      } else if (entry instanceof JsonObject rule && rule.getValue("regex") instanceof String regex) {
        patterns.add(compile(regex, where));
      } else {
        throw new IllegalArgumentException(where + ": an address rule is a string, {address} or {regex}: " + entry);
      }
    }
    return new AddressRules(Set.copyOf(exact), List.copyOf(patterns));
  }

  boolean permits(String address) {
    return address != null && (exact.contains(address) || patterns.stream().anyMatch(p -> p.matcher(address).matches()));
  }

  /** The same rules in the stock bridge's terms, its second line of defence. */
  List<PermittedOptions> toPermitted() {
    List<PermittedOptions> permitted = new ArrayList<>();
    exact.forEach(a -> permitted.add(new PermittedOptions().setAddress(a)));
    patterns.forEach(p -> permitted.add(new PermittedOptions().setAddressRegex(p.pattern())));
    return permitted;
  }

  private static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": bad regex " + regex, e);
    }
  }
}
