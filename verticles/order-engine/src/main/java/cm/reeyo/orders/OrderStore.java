package cm.reeyo.orders;

import io.vertx.core.eventbus.ReplyException;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.TableBootstrap;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders table: creation with {@code attribute_not_exists(orderId)}, and every change as one conditional
 * update that also appends to the order's {@code timeline}. A lost race is a coded failure, never a silent overwrite.
 */
public final class OrderStore {

  private final Dynamo dynamo;
  private final String table;

  public OrderStore(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(CoreTables.ORDERS);
  }

  /** Stores a new order; ALREADY_EXISTS when the id is taken (an idempotent retry). */
  public Future<JsonObject> create(JsonObject order) {
    return dynamo.call(c -> c.putItem(b -> b.tableName(table).item(Items.toItem(order))
        .conditionExpression("attribute_not_exists(orderId)")))
      .map(ok -> order)
      .recover(f -> Future.failedFuture(conditional(f) ? ErrorCode.ALREADY_EXISTS.exception("Order exists") : f));
  }

  /** The order, or null. */
  public Future<JsonObject> find(String orderId) {
    return dynamo.call(c -> c.getItem(b -> b.tableName(table).key(Items.key("orderId", orderId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Items.toJson(r.item()) : null);
  }

  /** The order, or NOT_FOUND. */
  public Future<JsonObject> get(String orderId) {
    return find(orderId).compose(o -> o != null ? Future.succeededFuture(o)
      : Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such order")));
  }

  /**
   * Moves an order from one of {@code from} to {@code to}, setting {@code fields} and appending {@code entry} to
   * the timeline; ORDER_STATE_CONFLICT when the status is no longer one of {@code from}. Answers the new order.
   */
  public Future<JsonObject> transition(String orderId, List<String> from, String to, JsonObject fields, JsonObject entry) {
    Update u = new Update().set("status", to).setAll(fields).append(entry);
    u.condition("#status IN (" + u.values("from", from) + ")");
    return u.run(orderId, ErrorCode.ORDER_STATE_CONFLICT, "The order is no longer in a state that allows this");
  }

  /** Gives the order to a rider: only once, and only while the vendor has it (ACCEPTED, PREPARING, READY). */
  public Future<JsonObject> assignRider(String orderId, String riderId, JsonObject fields, JsonObject entry) {
    Update u = new Update().set("riderId", riderId).setAll(fields).append(entry);
    u.condition("attribute_not_exists(riderId) AND #status IN (" + u.values("open", Lifecycle.DISPATCHABLE) + ")");
    return u.run(orderId, ErrorCode.OFFER_TAKEN, "Another rider has taken this order");
  }

  /** Sets fields when {@code condition} (over {@code #status} and the given values) holds; {@code failure} otherwise. */
  public Future<JsonObject> update(String orderId, JsonObject fields, String condition, Map<String, Object> values,
                                   ErrorCode failure) {
    Update u = new Update().setAll(fields);
    values.forEach((k, v) -> u.values.put(k, Items.value(v)));
    if (condition != null) {
      u.condition(condition);
    }
    return u.run(orderId, failure, "The order changed meanwhile");
  }

  /** Adds {@code by} to a numeric field (atomic counter). */
  public Future<Void> increment(String orderId, String field, long by) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("orderId", orderId))
      .updateExpression("ADD #f :by").conditionExpression("attribute_exists(orderId)").expressionAttributeNames(Map.of("#f", field))
      .expressionAttributeValues(Map.of(":by", Items.n(by))))).mapEmpty();
  }

  /** A page of orders from a GSI, newest first, optionally filtered on status. */
  public Future<JsonObject> page(String index, String hashName, String hashValue, String status, int limit, String cursor) {
    Map<String, AttributeValue> start;
    try {
      start = Cursors.decode(cursor, CursorScope.query(CoreTables.ORDERS_TABLE, index, hashValue));
    } catch (ReplyException e) {
      return Future.failedFuture(e);
    }
    Map<String, String> names = new HashMap<>(Map.of("#h", hashName));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", Items.s(hashValue)));
    QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
      .keyConditionExpression("#h = :h").scanIndexForward(false).limit(limit);
    if (status != null && !"status".equals(hashName)) {
      names.put("#status", "status");
      values.put(":status", Items.s(status));
      q.filterExpression("#status = :status");
    }
    if (start != null) {
      q.exclusiveStartKey(start);
    }
    QueryRequest request = q.expressionAttributeNames(names).expressionAttributeValues(values).build();
    return dynamo.call(c -> c.query(request)).map(r -> {
      JsonArray items = new JsonArray();
      r.items().forEach(i -> items.add(Items.toJson(i)));
      return new JsonObject().put("items", items).put("nextCursor", Cursors.encode(r.lastEvaluatedKey()));
    });
  }

  static boolean conditional(Throwable failure) {
    return TableBootstrap.isCause(failure, ConditionalCheckFailedException.class);
  }

  /** One UpdateItem: SET clauses, an optional timeline append, a condition. */
  private final class Update {
    private final StringBuilder set = new StringBuilder();
    private final Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;
    private int n;

    Update set(String field, Object value) {
      String name = "#f" + n;
      String val = ":v" + n++;
      names.put(name, field);
      values.put(val, Items.value(value));
      set.append(set.length() == 0 ? "SET " : ", ").append(name).append(" = ").append(val);
      return this;
    }

    Update setAll(JsonObject fields) {
      if (fields != null) {
        fields.forEach(e -> set(e.getKey(), e.getValue()));
      }
      return this;
    }

    Update append(JsonObject entry) {
      names.put("#timeline", "timeline");
      values.put(":entry", Items.value(new JsonArray().add(entry)));
      values.put(":none", Items.value(new JsonArray()));
      set.append(set.length() == 0 ? "SET " : ", ").append("#timeline = list_append(if_not_exists(#timeline, :none), :entry)");
      return this;
    }

    String values(String prefix, List<String> options) {
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < options.size(); i++) {
        values.put(":" + prefix + i, Items.s(options.get(i)));
        in.append(i == 0 ? "" : ", ").append(":").append(prefix).append(i);
      }
      return in.toString();
    }

    void condition(String expression) {
      this.condition = "attribute_exists(orderId) AND " + expression;
    }

    Future<JsonObject> run(String orderId, ErrorCode failure, String message) {
      if (condition == null) {
        condition = "attribute_exists(orderId)";
      }
      if (!condition.contains("#status")) {
        names.remove("#status");
      }
      if (!set.toString().contains("#status") && !condition.contains("#status")) {
        names.remove("#status");
      }
      return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("orderId", orderId))
          .updateExpression(set.toString()).conditionExpression(condition)
          .expressionAttributeNames(names).expressionAttributeValues(values.isEmpty() ? null : values)
          .returnValues(ReturnValue.ALL_NEW)))
        .map(r -> Items.toJson(r.attributes()))
        .recover(f -> Future.failedFuture(conditional(f) ? failure.exception(message) : f));
    }
  }
}
