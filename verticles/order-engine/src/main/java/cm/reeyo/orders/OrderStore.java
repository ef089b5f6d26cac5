package cm.reeyo.orders;

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
import io.vertx.core.eventbus.ReplyException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
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
  private final RiderHolds holds;
  private final DayCounters counters;

  public OrderStore(Dynamo dynamo) {
    this.dynamo = dynamo;
    this.table = dynamo.table(CoreTables.ORDERS);
    this.holds = new RiderHolds(dynamo);
    this.counters = new DayCounters(dynamo);
  }

  /** The day's dashboard counters this store keeps in step with creations (and transitions give it). */
  DayCounters counters() {
    return counters;
  }

  /**
   * Stores a new order and counts it on its day's counters in one transaction; ALREADY_EXISTS when the id is taken
   * (an idempotent retry).
   */
  public Future<JsonObject> create(JsonObject order) {
    TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(Items.toItem(order))
      .conditionExpression("attribute_not_exists(orderId)").build()).build();
    return transact(List.of(put, counters.write(DayCounters.placed(order))),
        List.of(ErrorCode.ALREADY_EXISTS.exception("Order exists")))
      .map(ok -> order);
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
    return transition(orderId, from, to, fields, entry, List.of());
  }

  /** As above, with {@code alsoWrite} (e.g. the follow-up the step makes due) in the same transaction. */
  public Future<JsonObject> transition(String orderId, List<String> from, String to, JsonObject fields, JsonObject entry,
                                       List<TransactWriteItem> alsoWrite) {
    Update u = new Update().set("status", to).setAll(fields).append(entry);
    u.condition("#status IN (" + u.values("from", from) + ")");
    return u.run(orderId, ErrorCode.ORDER_STATE_CONFLICT, "The order is no longer in a state that allows this", alsoWrite);
  }

  /**
   * Gives the order to a rider in one transaction with the rider's {@code activeOrderId}: the order must be open
   * (ACCEPTED, PREPARING, READY) without a rider, and the rider must hold no other order. OFFER_TAKEN when the order
   * is gone, CONFLICT when the rider is busy. Answers the new order.
   */
  public Future<JsonObject> assignRider(String orderId, String riderId, JsonObject fields, JsonObject entry) {
    Update u = new Update().set("riderId", riderId).setAll(fields).append(entry);
    u.condition("attribute_not_exists(riderId) AND #status IN (" + u.values("open", Lifecycle.DISPATCHABLE) + ")");
    return transact(List.of(u.item(orderId), holds.take(riderId, orderId)),
        List.of(ErrorCode.OFFER_TAKEN.exception("Another rider has taken this order"),
          ErrorCode.CONFLICT.exception("Finish your current delivery first")))
      .compose(v -> get(orderId));
  }

  /**
   * A transition guarded on the rider read with the order: none ({@code riderId} null: the order must still have
   * none, so a rider's acceptance and this step exclude each other), or that rider, whose hold on the order is
   * released in the same transaction. A rider item that no longer holds this order does not block the step.
   */
  public Future<JsonObject> transitionReleasing(String orderId, List<String> from, String to, JsonObject fields,
                                                JsonObject entry, String riderId, List<TransactWriteItem> alsoWrite) {
    Update u = new Update().set("status", to).setAll(fields).append(entry);
    String statuses = "#status IN (" + u.values("from", from) + ")";
    if (riderId == null) {
      u.condition(statuses + " AND attribute_not_exists(riderId)");
      return u.run(orderId, ErrorCode.ORDER_STATE_CONFLICT, "The order is no longer in a state that allows this", alsoWrite);
    }
    u.values.put(":rider", Items.s(riderId));
    u.condition(statuses + " AND riderId = :rider");
    ReplyException stale = ErrorCode.ORDER_STATE_CONFLICT.exception("The order is no longer in a state that allows this");
    ReplyException notHeld = ErrorCode.CONFLICT.exception("The rider does not hold this order");
    boolean delivered = Lifecycle.DELIVERED.equals(to);
    List<TransactWriteItem> items = new ArrayList<>(List.of(u.item(orderId), holds.release(riderId, orderId, delivered)));
    items.addAll(alsoWrite);
    List<TransactWriteItem> unheld = new ArrayList<>(alsoWrite);
    if (delivered) {
      unheld.add(holds.countDelivery(riderId));
    }
    return transact(items, List.of(stale, notHeld))
      .compose(v -> get(orderId))
      .recover(f -> f == notHeld
        ? u.run(orderId, ErrorCode.ORDER_STATE_CONFLICT, "The order is no longer in a state that allows this", unheld)
        : Future.failedFuture(f));
  }

  /** Runs a transaction; a cancelled one fails with the failure of the first action whose condition failed. */
  private Future<Void> transact(List<TransactWriteItem> items, List<ReplyException> failures) {
    return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(items))).<Void>mapEmpty().recover(f -> {
      if (rootOf(f) instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        for (int i = 0; i < reasons.size() && i < failures.size(); i++) {
          if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
            return Future.failedFuture(failures.get(i));
          }
        }
      }
      return Future.failedFuture(f);
    });
  }

  private static Throwable rootOf(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause()) {
      if (t instanceof TransactionCanceledException) {
        return t;
      }
    }
    return null;
  }

  /** Sets fields when {@code condition} (over {@code #status} and the given values) holds; {@code failure} otherwise. */
  public Future<JsonObject> update(String orderId, JsonObject fields, String condition, Map<String, Object> values,
                                   ErrorCode failure) {
    return update(orderId, fields, condition, values, failure, List.of());
  }

  /** As above, with {@code alsoWrite} in the same transaction. */
  public Future<JsonObject> update(String orderId, JsonObject fields, String condition, Map<String, Object> values,
                                   ErrorCode failure, List<TransactWriteItem> alsoWrite) {
    Update u = new Update().setAll(fields);
    values.forEach((k, v) -> u.values.put(k, Items.value(v)));
    if (condition != null) {
      u.condition(condition);
    }
    return u.run(orderId, failure, "The order changed meanwhile", alsoWrite);
  }

  /** Adds {@code by} to a numeric field (atomic counter). */
  public Future<Void> increment(String orderId, String field, long by) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("orderId", orderId))
      .updateExpression("ADD #f :by").conditionExpression("attribute_exists(orderId)").expressionAttributeNames(Map.of("#f", field))
      .expressionAttributeValues(Map.of(":by", Items.n(by))))).mapEmpty();
  }

  /**
   * Counts one delivery-code attempt on a PICKED_UP order unless {@code max} were already counted; false when
   * refused (limit reached or the order left PICKED_UP). The increment happens before any comparison.
   */
  public Future<Boolean> countCodeAttempt(String orderId, long max) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("orderId", orderId))
        .updateExpression("ADD codeFailures :one")
        .conditionExpression("attribute_exists(orderId) AND #status = :picked "
          + "AND (attribute_not_exists(codeFailures) OR codeFailures < :max)")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":one", Items.n(1), ":picked", Items.s(Lifecycle.PICKED_UP), ":max", Items.n(max)))))
      .map(r -> true)
      .recover(f -> conditional(f) ? Future.succeededFuture(false) : Future.failedFuture(f));
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

    private void prepare() {
      if (condition == null) {
        condition = "attribute_exists(orderId)";
      }
      if (!set.toString().contains("#status") && !condition.contains("#status")) {
        names.remove("#status");
      }
    }

    /** The same change as an action of a transaction. */
    TransactWriteItem item(String orderId) {
      prepare();
      return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
        .tableName(table).key(Items.key("orderId", orderId)).updateExpression(set.toString())
        .conditionExpression(condition).expressionAttributeNames(names)
        .expressionAttributeValues(values.isEmpty() ? null : values).build()).build();
    }

    /** The change alone (one UpdateItem), or with {@code alsoWrite} in one transaction. */
    Future<JsonObject> run(String orderId, ErrorCode failure, String message, List<TransactWriteItem> alsoWrite) {
      if (alsoWrite.isEmpty()) {
        return run(orderId, failure, message);
      }
      List<TransactWriteItem> items = new ArrayList<>(List.of(item(orderId)));
      items.addAll(alsoWrite);
      List<ReplyException> failures = new ArrayList<>(List.of(failure.exception(message)));
      return transact(items, failures).compose(v -> get(orderId));
    }

    Future<JsonObject> run(String orderId, ErrorCode failure, String message) {
      prepare();
      return dynamo.call(c -> c.updateItem(b -> b.tableName(table).key(Items.key("orderId", orderId))
          .updateExpression(set.toString()).conditionExpression(condition)
          .expressionAttributeNames(names).expressionAttributeValues(values.isEmpty() ? null : values)
          .returnValues(ReturnValue.ALL_NEW)))
        .map(r -> Items.toJson(r.attributes()))
        .recover(f -> Future.failedFuture(conditional(f) ? failure.exception(message) : f));
    }
  }
}
