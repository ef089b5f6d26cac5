package cm.reeyo.contracts;

/** The four kinds of account; the {@code role} claim of every access token. */
public enum Role {
  USER, VENDOR, RIDER, ADMIN;

  /** The client address family of this role: {@code client.user}, {@code client.vendor}, ... */
  public String clientPrefix() {
    return "client." + name().toLowerCase() + ".";
  }
}
