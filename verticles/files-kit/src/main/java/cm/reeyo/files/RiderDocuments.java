package cm.reeyo.files;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A rider's documents ({@code rider_documents}, one item per rider and kind): a confirmed upload of a document kind
 * replaces the rider's document of that kind and puts it back to PENDING_REVIEW; an admin approves or rejects it.
 */
public final class RiderDocuments {

  public enum Review { PENDING_REVIEW, APPROVED, REJECTED }

  private final Dynamo dynamo;

  public RiderDocuments(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  Future<Void> attach(String riderId, String kind, String fileId) {
    JsonObject item = new JsonObject().put("riderId", riderId).put("kind", kind).put("fileId", fileId)
      .put("status", Review.PENDING_REVIEW.name()).put("uploadedAt", Timestamps.now());
    return dynamo.call(c -> c.putItem(b -> b.tableName(table()).item(Items.toItem(item)))).mapEmpty();
  }

  /** The rider's documents, one per kind (a rider holds a handful: one query page). */
  public Future<JsonArray> list(String riderId) {
    return dynamo.call(c -> c.query(b -> b.tableName(table()).keyConditionExpression("riderId = :r")
        .expressionAttributeValues(Map.of(":r", Items.s(riderId))).consistentRead(true)))
      .map(r -> new JsonArray(r.items().stream().map(Items::toJson).map(RiderDocuments::view).toList()));
  }

  /** Sets the review of the rider's current document of {@code kind}; NOT_FOUND when there is none. */
  public Future<JsonObject> review(String riderId, String kind, Review decision, String reason, String adminId) {
    JsonObject set = new JsonObject().put("status", decision.name()).put("reviewedBy", adminId)
      .put("reviewedAt", Timestamps.now()).put("reason", reason == null ? "" : reason);
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table())
        .key(Map.of("riderId", Items.s(riderId), "kind", Items.s(kind)))
        .conditionExpression("attribute_exists(riderId)")
        .updateExpression("SET #s = :s, reviewedBy = :by, reviewedAt = :at, reason = :reason")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", Items.s(decision.name()), ":by", Items.s(adminId),
          ":at", Items.s(set.getString("reviewedAt")), ":reason", Items.s(set.getString("reason"))))
        .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)))
      .map(r -> view(Items.toJson(r.attributes())))
      .recover(f -> Future.failedFuture(f instanceof ConditionalCheckFailedException
        || f.getCause() instanceof ConditionalCheckFailedException
        ? ErrorCode.NOT_FOUND.exception("This rider has no document of that kind") : f));
  }

  /** Fails with DOCUMENTS_INCOMPLETE unless every kind in {@code required} has an APPROVED document. */
  public Future<Void> requireApproved(String riderId, java.util.Set<String> required) {
    return list(riderId).compose(docs -> {
      java.util.Set<String> approved = docs.stream().map(JsonObject.class::cast)
        .filter(d -> Review.APPROVED.name().equals(d.getString("status"))).map(d -> d.getString("kind"))
        .collect(java.util.stream.Collectors.toSet());
      java.util.List<String> missing = required.stream().filter(k -> !approved.contains(k)).sorted().toList();
      return missing.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(ErrorCode.DOCUMENTS_INCOMPLETE.exception("Documents not approved yet: " + missing));
    });
  }

  private static JsonObject view(JsonObject item) {
    JsonObject v = new JsonObject().put("kind", item.getString("kind")).put("fileId", item.getString("fileId"))
      .put("status", item.getString("status")).put("uploadedAt", item.getString("uploadedAt"));
    String reason = item.getString("reason");
    if (reason != null && !reason.isEmpty()) {
      v.put("reason", reason);
    }
    if (item.containsKey("reviewedAt")) {
      v.put("reviewedAt", item.getString("reviewedAt"));
    }
    return v;
  }

  private String table() {
    return dynamo.table(FilesTables.RIDER_DOCUMENTS);
  }
}
