package cm.reeyo.bridge;

import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client address the bridge carries out: {@code client.<family>.<id>} with family user, vendor, rider or order and an
 * id of 1 to 64 ASCII letters, digits, {@code _} or {@code -}. Anything else (suffixes, upper case, other scripts,
 * wildcards, over-long ids) is not a client address, so it can never be registered.
 */
public record ClientAddress(Family family, String id) {

  /** The address shapes a socket may register on, also given to the bridge as its outbound permission. */
  public static final String REGEX = "client\\.(user|vendor|rider|order)\\.[A-Za-z0-9_-]{1,64}";
  private static final Pattern PATTERN = Pattern.compile("client\\.(user|vendor|rider|order)\\.([A-Za-z0-9_-]{1,64})");
  private static final int MAX_LENGTH = 80;

  /** The four families of client addresses. */
  public enum Family {
    USER, VENDOR, RIDER, ORDER;

    /** The family of a role's own address; empty for admins, who have none. */
    static Optional<Family> ownOf(Role role) {
      return switch (role) {
        case USER -> Optional.of(USER);
        case VENDOR -> Optional.of(VENDOR);
        case RIDER -> Optional.of(RIDER);
        case ADMIN -> Optional.empty();
      };
    }
  }

  public static Optional<ClientAddress> parse(String address) {
    if (address == null || address.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(address);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ClientAddress(Family.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2)));
  }

  /** True when this is the principal's own identity address ({@code client.user.<ownId>} for a user, ...). */
  public boolean isOwnedBy(Principal principal) {
    return family != Family.ORDER
      && Family.ownOf(principal.role()).filter(own -> own == family).isPresent()
      && id.equals(principal.id());
  }

  public boolean isOrder() {
    return family == Family.ORDER;
  }

  public String address() {
    return "client." + family.name().toLowerCase(java.util.Locale.ROOT) + "." + id;
  }
}
