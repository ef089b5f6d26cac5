package cm.reeyo.notifier;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * The notifier's tables. {@code outbox}: one record per message (messageId; status PENDING | SENDING | SENT |
 * FAILED; GSI status-index on (status, nextAttemptAt epoch ms) for the drainer; SENT records expire after a week).
 * {@code devices}: push tokens per account (accountId + token).
 */
public final class NotifierTables implements TableProvider {

  public static final String OUTBOX = "outbox";
  public static final String DEVICES = "devices";
  public static final String STATUS_INDEX = "status-index";

  public static final TableSpec OUTBOX_TABLE = TableSpec.of(OUTBOX, "messageId")
    .index(STATUS_INDEX, TableSpec.Key.s("status"), TableSpec.Key.n("nextAttemptAt"))
    .ttl("expiresAt");
  public static final TableSpec DEVICES_TABLE = TableSpec.of(DEVICES, "accountId").withRange(TableSpec.Key.s("token"));

  @Override
  public List<TableSpec> tables() {
    return List.of(OUTBOX_TABLE, DEVICES_TABLE);
  }
}
