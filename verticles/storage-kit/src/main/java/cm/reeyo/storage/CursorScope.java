package cm.reeyo.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one query a list cursor may restart: a table (scanned, or queried through one of its indexes), the partition
 * the query reads and, when its key condition narrows the sort key to a prefix, that prefix. A cursor made for
 * another table, index, partition (another user's list) or prefix does not fit the scope and is refused.
 */
public record CursorScope(TableSpec table, String index, String partition, String rangePrefix) {

  /** A scan of the whole table. */
  public static CursorScope scan(TableSpec table) {
    return new CursorScope(table, null, null, null);
  }

  /** A query of {@code index} for the items whose index hash key is {@code partition}. */
  public static CursorScope query(TableSpec table, String index, String partition) {
    TableSpec.Index found = indexOf(table, index);
    if (found == null) {
      throw new IllegalStateException("table " + table.name() + " has no index " + index);
    }
    return new CursorScope(table, index, partition, null);
  }

  /** The same query narrowed to index sort keys beginning with {@code prefix}. */
  public CursorScope rangeStartingWith(String prefix) {
    return new CursorScope(table, index, partition, prefix);
  }

  /** Every key attribute a start key of this scope holds, by name, with its DynamoDB type. */
  Map<String, String> keyTypes() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(table.hash().name(), table.hash().type());
    if (table.range() != null) {
      keys.put(table.range().name(), table.range().type());
    }
    TableSpec.Index idx = index == null ? null : indexOf(table, index);
    if (idx != null) {
      keys.put(idx.hash().name(), idx.hash().type());
      if (idx.range() != null) {
        keys.put(idx.range().name(), idx.range().type());
      }
    }
    return keys;
  }

  /** The index's hash key name, or null for a scan. */
  String partitionKey() {
    return index == null ? null : indexOf(table, index).hash().name();
  }

  /** The index's sort key name, or null. */
  String rangeKey() {
    TableSpec.Index idx = index == null ? null : indexOf(table, index);
    return idx == null || idx.range() == null ? null : idx.range().name();
  }

  private static TableSpec.Index indexOf(TableSpec table, String index) {
    return table.indexes().stream().filter(i -> i.name().equals(index)).findFirst().orElse(null);
  }
}
