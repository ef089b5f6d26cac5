package cm.reeyo.identity;

import cm.reeyo.contracts.Role;
import cm.reeyo.storage.CoreTables;

/** Where each role's accounts live: table, id attribute and id prefix. */
public enum AccountKind {
  USER(Role.USER, CoreTables.USERS, "userId", "user"),
  VENDOR(Role.VENDOR, CoreTables.VENDORS, "vendorId", "vendor"),
  RIDER(Role.RIDER, CoreTables.RIDERS, "riderId", "rider"),
  ADMIN(Role.ADMIN, IdentityTables.ADMINS, "adminId", "admin");

  private final Role role;
  private final String table;
  private final String idField;
  private final String idPrefix;

  AccountKind(Role role, String table, String idField, String idPrefix) {
    this.role = role;
    this.table = table;
    this.idField = idField;
    this.idPrefix = idPrefix;
  }

  public static AccountKind of(Role role) {
    return valueOf(role.name());
  }

  public Role role() {
    return role;
  }

  public String table() {
    return table;
  }

  public String idField() {
    return idField;
  }

  public String idPrefix() {
    return idPrefix;
  }

  /** Vendors and riders wait for an admin's approval before they can go online or receive orders. */
  public boolean needsApproval() {
    return this == VENDOR || this == RIDER;
  }
}
