package cm.reeyo.adminapi;

import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.identity.Identity;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Cursors;
import cm.reeyo.storage.CursorScope;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/audit?day=YYYY-MM-DD&actorId=&limit=&cursor=}, ADMIN only: the audit trail newest first, for one
 * actor (optionally within a day) or for one day (today by default).
 */
final class AuditRoutes {

  private final Dynamo dynamo;

  private AuditRoutes(Dynamo dynamo) {
    this.dynamo = dynamo;
  }

  static void mount(Identity identity) {
    AuditRoutes routes = new AuditRoutes(identity.api().dynamo());
    identity.api().router().get("/api/v1/audit").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
      .handler(routes::list);
    identity.api().openApi().fragment("openapi/admin-api/audit.json");
  }

  private void list(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(Query.of(ctx, "day", "actorId"));
    String day = check.optionalString("day", 10, 10);
    if (day != null && !day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      check.problem("day", "must be a date YYYY-MM-DD");
    }
    String actor = check.optionalString("actorId", 1, 100);
    int limit = Query.limit(ctx, check);
    check.done();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    String index;
    String condition;
    if (actor != null) {
      index = "actor-index";
      names.put("#k", "actorId");
      values.put(":k", Items.s(actor));
      condition = "#k = :k";
      if (day != null) {
        names.put("#t", "createdAt");
        values.put(":d", Items.s(day));
        condition += " AND begins_with(#t, :d)";
      }
    } else {
      index = "day-index";
      names.put("#k", "day");
      values.put(":k", Items.s(day != null ? day : Ids.day(Instant.now())));
      condition = "#k = :k";
    }
    String keyCondition = condition;
    CursorScope scope = CursorScope.query(CoreTables.AUDIT_TABLE, index, values.get(":k").s());
    Map<String, AttributeValue> start = Cursors.decode(ctx.queryParams().get("cursor"),
      actor != null && day != null ? scope.rangeStartingWith(day) : scope);
    dynamo.call(c -> c.query(b -> b.tableName(dynamo.table(CoreTables.AUDIT)).indexName(index)
        .keyConditionExpression(keyCondition).expressionAttributeNames(names).expressionAttributeValues(values)
        .scanIndexForward(false).limit(limit).exclusiveStartKey(start)))
      .onSuccess(r -> {
        JsonArray items = new JsonArray();
        r.items().forEach(i -> { // expiresAt is the table's TTL, not part of the entry
          JsonObject entry = Items.toJson(i);
          entry.remove("expiresAt");
          items.add(entry);
        });
        Responses.page(ctx, items, Cursors.encode(r.lastEvaluatedKey()));
      })
      .onFailure(ctx::fail);
  }
}
