package cm.reeyo.orders;

import cm.reeyo.contracts.Principal;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * A customer's favourite vendors ({@code favourites} table, {@code (userId, vendorId)}): set and unset are
 * idempotent; a page lists the vendors as the catalog shows them (with {@code isOpen}), skipping any no longer listed.
 */
final class Favourites {

  private final Dynamo dynamo;
  private final Catalog catalog;

  Favourites(Dynamo dynamo, Catalog catalog) {
    this.dynamo = dynamo;
    this.catalog = catalog;
  }

  /** {@code {vendorId, favourite}}: marks or unmarks a listed vendor; answers {@code {vendorId, favourite}}. */
  Future<JsonObject> set(Principal p, JsonObject body) {
    String vendorId = Requests.requiredString(body, "vendorId");
    boolean favourite = !Boolean.FALSE.equals(body.getValue("favourite"));
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key =
      Map.of("userId", Items.s(p.id()), "vendorId", Items.s(vendorId));
    Future<?> write = favourite
      ? catalog.vendor(vendorId).compose(v -> dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(OrderTables.FAVOURITES))
        .item(Items.toItem(new JsonObject().put("userId", p.id()).put("vendorId", vendorId).put("addedAt", Timestamps.now()))))))
      : dynamo.call(c -> c.deleteItem(b -> b.tableName(dynamo.table(OrderTables.FAVOURITES)).key(key)));
    return write.map(v -> new JsonObject().put("vendorId", vendorId).put("favourite", favourite));
  }

  /** {@code {limit, cursor}} → {@code {items: [vendor], nextCursor}} of the caller's favourites. */
  Future<JsonObject> page(Principal p, JsonObject body) {
    int limit = Requests.limit(body);
    return Cursors.read(body.getString("cursor"), new CursorScope(OrderTables.FAVOURITES_TABLE, null, null, null))
      .compose(start -> start != null && !p.id().equals(start.get("userId").s())
        ? Future.failedFuture(cm.reeyo.contracts.ErrorCode.VALIDATION_FAILED.exception("cursor is not a cursor of this list"))
        : dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(OrderTables.FAVOURITES))
          .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Items.s(p.id())))
          .limit(limit).exclusiveStartKey(start))))
      .compose(r -> {
        List<Future<JsonObject>> vendors = r.items().stream()
          .map(i -> catalog.vendor(i.get("vendorId").s()).otherwiseEmpty())
          .toList();
        return Future.all(vendors).map(all -> {
          JsonArray items = new JsonArray();
          vendors.forEach(f -> {
            if (f.result() != null) {
              items.add(f.result());
            }
          });
          return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
        });
      });
  }
}
