package cm.reeyo.orderflow;

import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Items;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's day counters on the real platform: after a mixed run of placements and transitions (delivered,
 * rejected, cancelled, accepted, preparing, still pending) {@code GET /api/v1/stats} equals a brute-force recount of
 * the orders table; after writes that bypassed the counters (a transition and a creation whose counter updates were
 * lost, as a crash between them would leave it) the figures drift, and {@code POST /api/v1/stats/repair} says what it
 * corrected and brings them back to the recount.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Dashboard counters: kept with every transition, repaired from a recount")
class DashboardCountersTest {

  Platform p;
  JsonObject user;
  JsonObject vendor;
  JsonObject rider;
  String admin;
  final String today = Ids.day(Instant.now());

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    p = await(Platform.start(vertx, new JsonObject().put("adminStats", new JsonObject().put("cacheSeconds", 0))));
    user = await(p.customer(true, 100_000));
    vendor = await(p.vendor(Map.of("Ndolé", 5000L)));
    rider = await(p.rider("Mike", 4.0601, 9.7679));
    admin = await(p.admin());
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("counters equal a full recount after mixed transitions; a lost counter update is found, corrected and reported by the repair job")
  void countersMatchRecountAndRepairFixesDrift() throws Exception {
    JsonObject delivered = place("CASH");
    await(p.runToDelivery(delivered.getString("orderId"), vendor, rider, delivered.getString("deliveryCode")));
    vendorStep(place("WALLET"), "reject");
    JsonObject cancelled = place("CASH");
    assertThat(await(p.call(HttpMethod.POST, p.userPort, "/api/v1/orders/" + cancelled.getString("orderId") + "/cancel",
      user.getString("token"), new JsonObject().put("reason", "changed my mind"))).statusCode()).isEqualTo(200);
    vendorStep(place("WALLET"), "accept");
    JsonObject preparing = place("CASH");
    vendorStep(preparing, "accept");
    vendorStep(preparing, "preparing");
    JsonObject pending = place("CASH");

    JsonObject stats = stats();
    JsonObject truth = recount();
    assertThat(stats.getJsonObject("orders").getLong("total")).isEqualTo(6);
    assertThat(nonZero(stats.getJsonObject("orders").getJsonObject("byStatus"))).as("counters vs recount").isEqualTo(truth);
    assertThat(truth).isEqualTo(new JsonObject().put("DELIVERED", 1L).put("REJECTED", 1L).put("CANCELLED", 1L)
      .put("ACCEPTED", 1L).put("PREPARING", 1L).put("PENDING", 1L));
    assertThat(stats.getLong("deliveredCount")).isEqualTo(1);
    assertThat(stats.getValue("averageDeliveryMinutes")).isNotNull();

    crashAfterTransition(pending.getString("orderId"), "ACCEPTED");
    crashAfterCreation(pending, "order_lost_counter_" + System.nanoTime());
    JsonObject drifted = recount();
    assertThat(nonZero(stats().getJsonObject("orders").getJsonObject("byStatus"))).as("the counters missed two writes")
      .isNotEqualTo(drifted);

    HttpResponse<Buffer> repaired = await(p.call(HttpMethod.POST, p.adminPort, "/api/v1/stats/repair", admin, new JsonObject()));
    assertThat(repaired.statusCode()).as(repaired.bodyAsString()).isEqualTo(200);
    JsonObject report = repaired.bodyAsJsonObject();
    assertThat(report.getBoolean("ok")).isTrue();
    assertThat(report.getLong("ordersScanned")).isEqualTo(7);
    JsonObject byField = new JsonObject();
    report.getJsonArray("corrected").forEach(c -> {
      JsonObject one = (JsonObject) c;
      byField.put(one.getString("field"), byField.getLong(one.getString("field"), 0L) + one.getLong("recounted") - one.getLong("counted"));
    });
    assertThat(nonZero(byField)).as("what the report says it corrected, net over the shards").isEqualTo(new JsonObject()
      .put("ACCEPTED", 1L).put("total", 1L));
    assertThat(report.getInteger("correctedCount")).isEqualTo(report.getJsonArray("corrected").size());

    JsonObject after = stats();
    assertThat(nonZero(after.getJsonObject("orders").getJsonObject("byStatus"))).isEqualTo(drifted);
    assertThat(after.getJsonObject("orders").getLong("total")).isEqualTo(7);

    JsonObject again = await(p.call(HttpMethod.POST, p.adminPort, "/api/v1/stats/repair", admin,
      new JsonObject().put("day", today))).bodyAsJsonObject();
    assertThat(again.getInteger("correctedCount")).as("nothing left to correct").isZero();
    assertThat(audited()).as("the repair is in the audit trail").isTrue();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the repair job is for admins, and refuses a malformed day")
  void repairIsAdminOnly() throws Exception {
    assertThat(await(p.call(HttpMethod.POST, p.adminPort, "/api/v1/stats/repair", vendor.getString("token"),
      new JsonObject())).statusCode()).isIn(401, 403);
    assertThat(await(p.call(HttpMethod.POST, p.adminPort, "/api/v1/stats/repair", admin,
      new JsonObject().put("day", "yesterday"))).statusCode()).isEqualTo(400);
  }

  /** The step was written but its counter update was lost: the order moves with no counter change. */
  private void crashAfterTransition(String orderId, String to) throws Exception {
    await(p.dynamo.call(c -> c.updateItem(b -> b.tableName(p.dynamo.table("orders")).key(Items.key("orderId", orderId))
      .updateExpression("SET #s = :to").expressionAttributeNames(Map.of("#s", "status"))
      .expressionAttributeValues(Map.of(":to", Items.s(to))))));
  }

  /** An order stored by another writer's transaction whose counter update never ran. */
  private void crashAfterCreation(JsonObject like, String orderId) throws Exception {
    var stored = await(p.dynamo.call(c -> c.getItem(b -> b.tableName(p.dynamo.table("orders"))
      .key(Items.key("orderId", like.getString("orderId"))))));
    JsonObject copy = Items.toJson(stored.item()).put("orderId", orderId).put("status", "PENDING");
    await(p.dynamo.call(c -> c.putItem(b -> b.tableName(p.dynamo.table("orders")).item(Items.toItem(copy)))));
  }

  /** The day's orders by status, counted one by one from the orders table. */
  private JsonObject recount() throws Exception {
    JsonObject counts = new JsonObject();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = await(p.dynamo.call(c -> c.query(b -> b.tableName(p.dynamo.table("orders")).indexName("createdAt-index")
        .keyConditionExpression("createdDay = :d").expressionAttributeValues(Map.of(":d", Items.s(today)))
        .exclusiveStartKey(from))));
      page.items().forEach(i -> counts.put(i.get("status").s(), counts.getLong(i.get("status").s(), 0L) + 1));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return counts;
  }

  private static JsonObject nonZero(JsonObject byStatus) {
    Map<String, Object> out = new HashMap<>();
    byStatus.forEach(e -> {
      if (((Number) e.getValue()).longValue() != 0) {
        out.put(e.getKey(), ((Number) e.getValue()).longValue());
      }
    });
    return new JsonObject(out);
  }

  private JsonObject stats() throws Exception {
    HttpResponse<Buffer> r = await(p.call(HttpMethod.GET, p.adminPort, "/api/v1/stats", admin, null));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private boolean audited() throws Exception {
    for (int i = 0; i < 20; i++) {
      JsonArray items = await(p.call(HttpMethod.GET, p.adminPort, "/api/v1/audit?day=" + today, admin, null))
        .bodyAsJsonObject().getJsonArray("items", new JsonArray());
      if (items.stream().anyMatch(e -> "stats.repair".equals(((JsonObject) e).getString("action")))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private JsonObject place(String method) throws Exception {
    HttpResponse<Buffer> r = await(p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
      Platform.placeBody(vendor.getString("vendorId"), Platform.lines(vendor.getJsonObject("items").getString("Ndolé"), 1), method)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private void vendorStep(JsonObject order, String step) throws Exception {
    HttpResponse<Buffer> r = await(p.call(HttpMethod.POST, p.vendorPort, "/api/v1/orders/" + order.getString("orderId") + "/" + step,
      vendor.getString("token"), new JsonObject()));
    assertThat(r.statusCode()).as(step + ": " + r.bodyAsString()).isEqualTo(200);
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    }
  }
}
