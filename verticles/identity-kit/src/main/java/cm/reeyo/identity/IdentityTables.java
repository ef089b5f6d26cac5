package cm.reeyo.identity;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/** Tables identity adds to the spec's: admins (bootstrapped from config) and refresh-token sessions. */
public final class IdentityTables implements TableProvider {

  public static final String ADMINS = "admins";
  public static final String SESSIONS = "sessions";

  @Override
  public List<TableSpec> tables() {
    return List.of(
      TableSpec.of(ADMINS, "adminId").index("email-index", "email", null).index("phone-index", "phone", null),
      TableSpec.of(SESSIONS, "tokenId").index("family-index", "familyId", null).index("account-index", "accountId", null)
        .ttl("expiresAt"));
  }
}
