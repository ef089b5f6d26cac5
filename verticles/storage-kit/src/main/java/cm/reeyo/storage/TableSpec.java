package cm.reeyo.storage;

import java.util.List;

/**
 * A logical table: key schema, global secondary indexes (all projecting every attribute) and an optional TTL
 * attribute. Key attributes are strings unless declared numeric.
 */
public record TableSpec(String name, Key hash, Key range, List<Index> indexes, String ttlAttribute) {

  public static TableSpec of(String name, String hashKey) {
    return new TableSpec(name, Key.s(hashKey), null, List.of(), null);
  }

  public TableSpec withRange(Key rangeKey) {
    return new TableSpec(name, hash, rangeKey, indexes, ttlAttribute);
  }

  public TableSpec index(String indexName, Key indexHash, Key indexRange) {
    List<Index> more = new java.util.ArrayList<>(indexes);
    more.add(new Index(indexName, indexHash, indexRange));
    return new TableSpec(name, hash, range, List.copyOf(more), ttlAttribute);
  }

  public TableSpec index(String indexName, String indexHash, String indexRange) {
    return index(indexName, Key.s(indexHash), indexRange == null ? null : Key.s(indexRange));
  }

  public TableSpec ttl(String attribute) {
    return new TableSpec(name, hash, range, indexes, attribute);
  }

  /** A key attribute: name and DynamoDB scalar type ({@code S} or {@code N}). */
  public record Key(String name, String type) {
    public static Key s(String name) {
      return new Key(name, "S");
    }

    public static Key n(String name) {
      return new Key(name, "N");
    }
  }

  /** A global secondary index. */
  public record Index(String name, Key hash, Key range) {
  }
}
