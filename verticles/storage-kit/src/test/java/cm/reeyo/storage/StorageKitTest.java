package cm.reeyo.storage;

import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Storage kit against the DynamoDB gateway and a real Redis")
class StorageKitTest {

  JsonObject config;
  Dynamo dynamo;
  RedisStore redis;

  @BeforeEach
  void setUp(Vertx vertx) {
    config = TestConfig.fresh();
    dynamo = Dynamo.acquire(vertx, config);
    redis = RedisStore.acquire(vertx, config);
  }

  @AfterEach
  void tearDown(Vertx vertx) {
    Dynamo.release(vertx);
    RedisStore.release(vertx);
  }

  @Test
  @DisplayName("bootstrap creates every table with its GSIs, twice without harm, and items round-trip through a GSI")
  void bootstrapAndRoundTrip(Vertx vertx, VertxTestContext ctx) {
    TableBootstrap bootstrap = new TableBootstrap(dynamo);
    JsonObject order = new JsonObject().put("orderId", "order_1").put("userId", "user_1")
      .put("createdAt", "2026-11-24T10:00:00Z").put("total", 17000L).put("distance", 5.2)
      .put("items", new JsonArray().add(new JsonObject().put("itemId", "i1").put("quantity", 2)))
      .put("paid", true);
    io.vertx.core.Context context = vertx.getOrCreateContext();
    context.runOnContext(go -> bootstrap.ensureAll()
      .compose(v -> bootstrap.ensureAll())
      .compose(v -> dynamo.call(c -> c.listTables()))
      .compose(tables -> {
        assertThat(tables.tableNames()).contains(dynamo.table("users"), dynamo.table("orders"), dynamo.table("audit"));
        return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table("orders")).item(Items.toItem(order))));
      })
      .compose(v -> dynamo.call(c -> c.query(b -> b.tableName(dynamo.table("orders")).indexName("userId-index")
        .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Items.s("user_1"))))))
      .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
        assertThat(Vertx.currentContext()).as("results come back on the caller's context").isSameAs(context);
        assertThat(result.items()).hasSize(1);
        assertThat(Items.toJson(result.items().get(0))).isEqualTo(order);
        ctx.completeNow();
      }))));
  }

  @Test
  @DisplayName("Redis answers RESP3 and the audit log writes a masked entry")
  void redisAndAudit(Vertx vertx, VertxTestContext ctx) {
    AuditLog audit = new AuditLog(dynamo);
    new TableBootstrap(dynamo).ensure(List.of(CoreTables.AUDIT_TABLE))
      .compose(v -> redis.ping())
      .compose(v -> audit.record(AuditLog.Entry.of("admin_1", "ADMIN", "vendor.approve", "vendor_9", "SUCCESS")
        .detail("phone " + Mask.phone("+237670000002"))))
      .compose(v -> dynamo.call(c -> c.scan(b -> b.tableName(dynamo.table("audit")))))
      .onComplete(ctx.succeeding(scan -> ctx.verify(() -> {
        JsonObject entry = Items.toJson(scan.items().get(0));
        assertThat(entry.getString("action")).isEqualTo("vendor.approve");
        assertThat(entry.getString("details")).contains("+2376").doesNotContain("670000002");
        ctx.completeNow();
      })));
  }
}
