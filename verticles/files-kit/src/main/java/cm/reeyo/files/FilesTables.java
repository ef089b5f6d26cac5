package cm.reeyo.files;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * {@code files}: one item per upload, PENDING until confirmed (then CONFIRMED, or REJECTED with nothing attached);
 * unconfirmed ones are listed by the sparse {@code pending-index} for the sweep. {@code rider_documents}: a rider's
 * current document of each kind with its review state.
 */
public final class FilesTables implements TableProvider {

  public static final String FILES = "files";
  public static final String RIDER_DOCUMENTS = "rider_documents";
  public static final String PENDING_INDEX = "pending-index";

  public static final TableSpec FILES_TABLE = TableSpec.of(FILES, "fileId")
    .index(PENDING_INDEX, TableSpec.Key.s("pending"), TableSpec.Key.n("expiresAt"));
  public static final TableSpec RIDER_DOCUMENTS_TABLE = TableSpec.of(RIDER_DOCUMENTS, "riderId").withRange(TableSpec.Key.s("kind"));

  @Override
  public List<TableSpec> tables() {
    return List.of(FILES_TABLE, RIDER_DOCUMENTS_TABLE);
  }
}
