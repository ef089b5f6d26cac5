package cm.reeyo.storage;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Creates the tables (and GSIs, and TTL) that are missing: at start in dev, or once with the launcher's
 * {@code --init-tables} in production. Idempotent and safe when several nodes race to create the same table.
 */
public final class TableBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);

  private final Dynamo dynamo;

  public TableBootstrap(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  /** Ensures every table of every {@link TableProvider} on the class path. */
  public Future<Void> ensureAll() {
    return ensure(TableProvider.all());
  }

  public Future<Void> ensure(List<TableSpec> specs) {
    Future<Void> chain = Future.succeededFuture();
    for (TableSpec spec : specs) {
      chain = chain.compose(v -> ensure(spec));
    }
    return chain;
  }

  public Future<Void> ensure(TableSpec spec) {
    String name = dynamo.table(spec.name());
    return dynamo.call(c -> c.describeTable(b -> b.tableName(name)))
      .<Void>mapEmpty()
      .recover(failure -> isCause(failure, ResourceNotFoundException.class) ? create(spec, name) : Future.failedFuture(failure));
  }

  private Future<Void> create(TableSpec spec, String name) {
    LOG.info("creating table {}", name);
    return dynamo.call(c -> c.createTable(request(spec, name)))
      .map(created -> created.tableDescription().tableStatus() == TableStatus.ACTIVE)
      .recover(failure -> isCause(failure, ResourceInUseException.class) ? Future.succeededFuture(false) : Future.failedFuture(failure))
      .compose(active -> active ? Future.succeededFuture()
        : dynamo.call(c -> c.waiter().waitUntilTableExists(b -> b.tableName(name))).mapEmpty())
      .compose(v -> spec.ttlAttribute() == null ? Future.succeededFuture() : enableTtl(name, spec.ttlAttribute()));
  }

  private Future<Void> enableTtl(String name, String attribute) {
    return dynamo.call(c -> c.updateTimeToLive(b -> b.tableName(name)
        .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build())))
      .<Void>mapEmpty()
      .recover(failure -> {
        LOG.warn("TTL on {} not enabled: {}", name, failure.getMessage());
        return Future.succeededFuture();
      });
  }

  static CreateTableRequest request(TableSpec spec, String name) {
    Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (TableSpec.Index index : spec.indexes()) {
      indexes.add(GlobalSecondaryIndex.builder()
        .indexName(index.name())
        .keySchema(keySchema(index.hash(), index.range(), attributes))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build());
    }
    CreateTableRequest.Builder builder = CreateTableRequest.builder()
      .tableName(name)
      .billingMode(BillingMode.PAY_PER_REQUEST)
      .keySchema(keySchema(spec.hash(), spec.range(), attributes));
    if (!indexes.isEmpty()) {
      builder.globalSecondaryIndexes(indexes);
    }
    return builder.attributeDefinitions(attributes.values()).build();
  }

  private static List<KeySchemaElement> keySchema(TableSpec.Key hash, TableSpec.Key range,
                                                  Map<String, AttributeDefinition> attributes) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
    attributes.put(hash.name(), AttributeDefinition.builder().attributeName(hash.name()).attributeType(hash.type()).build());
    if (range != null) {
      schema.add(KeySchemaElement.builder().attributeName(range.name()).keyType(KeyType.RANGE).build());
      attributes.put(range.name(), AttributeDefinition.builder().attributeName(range.name()).attributeType(range.type()).build());
    }
    return schema;
  }

  /** True when {@code failure} or one of its causes is of the given type (SDK futures wrap their failures). */
  public static boolean isCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (!(t instanceof CompletionException) && t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
