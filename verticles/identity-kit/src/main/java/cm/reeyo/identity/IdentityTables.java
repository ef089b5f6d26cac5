package cm.reeyo.identity;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * Tables identity adds to the spec's: admins (bootstrapped from config), refresh-token sessions, and the guard
 * items that keep phone numbers and e-mail addresses unique per role ({@code key = USER#phone#+2376...}).
 */
public final class IdentityTables implements TableProvider {

  public static final String ADMINS = "admins";
  public static final String SESSIONS = "sessions";
  public static final String UNIQUES = "uniques";

  @Override
  public List<TableSpec> tables() {
    return List.of(
      TableSpec.of(ADMINS, "adminId").index("email-index", "email", null).index("phone-index", "phone", null),
      TableSpec.of(SESSIONS, "tokenId").index("family-index", "familyId", null).index("account-index", "accountId", null)
        .ttl("expiresAt"),
      TableSpec.of(UNIQUES, "key"));
  }
}
