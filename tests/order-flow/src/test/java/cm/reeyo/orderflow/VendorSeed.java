package cm.reeyo.orderflow;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Approved vendors written straight into the vendors table (as a bulk import would: the geo index does not hear of
 * them), spread uniformly in a square around a point: a fixed share offline, a fixed share closed today by their
 * hours, the rest open and online. {@link #expected} recomputes by brute force who is within a radius.
 */
final class VendorSeed {

  /** Redis's earth radius (GEOSEARCH distances). */
  static final double EARTH_M = 6372797.560856;

  record Seeded(String vendorId, double lat, double lng, boolean openAndOnline, String cuisine) {
  }

  final List<Seeded> vendors = new ArrayList<>();

  /** Writes {@code count} vendors within ±{@code spanDeg} of (lat, lng), 25 per BatchWriteItem, 4 batches at a time. */
  Future<Void> write(Dynamo dynamo, int count, double lat, double lng, double spanDeg, long seed) {
    Random random = new Random(seed);
    List<JsonObject> items = new ArrayList<>(count);
    String now = Timestamps.now();
    String otherDay = LocalDate.now(java.time.ZoneId.of("Africa/Douala")).plusDays(3).getDayOfWeek().name().substring(0, 3).toLowerCase();
    for (int i = 0; i < count; i++) {
      double la = lat + (random.nextDouble() * 2 - 1) * spanDeg;
      double lo = lng + (random.nextDouble() * 2 - 1) * spanDeg;
      boolean online = i % 5 != 1;
      boolean closed = i % 7 == 3;
      String cuisine = i % 3 == 0 ? "Cameroonian" : "Grill";
      String id = String.format("vendor_seed%06d_%d", i, seed);
      JsonObject v = new JsonObject().put("vendorId", id).put("businessName", "Seeded " + i).put("cuisine", cuisine)
        .put("approvalStatus", "APPROVED").put("status", "ACTIVE").put("isOnline", online)
        .put("location", new JsonObject().put("lat", la).put("lng", lo)).put("createdAt", now).put("updatedAt", now);
      if (closed) {
        v.put("businessHours", new JsonObject().put(otherDay, new JsonArray().add(new JsonObject().put("open", "08:00").put("close", "09:00"))));
      }
      items.add(v);
      vendors.add(new Seeded(id, la, lo, online && !closed, cuisine));
    }
    return batches(dynamo, items, 0);
  }

  /** One more vendor at exactly (lat, lng), open and online. */
  Future<String> writeOne(Dynamo dynamo, String id, double lat, double lng) {
    String now = Timestamps.now();
    JsonObject v = new JsonObject().put("vendorId", id).put("businessName", "At the door").put("cuisine", "Grill")
      .put("approvalStatus", "APPROVED").put("status", "ACTIVE").put("isOnline", true)
      .put("location", new JsonObject().put("lat", lat).put("lng", lng)).put("createdAt", now).put("updatedAt", now);
    vendors.add(new Seeded(id, lat, lng, true, "Grill"));
    return dynamo.call(c -> c.putItem(b -> b.tableName(dynamo.table(CoreTables.VENDORS)).item(Items.toItem(v)))).map(id);
  }

  private Future<Void> batches(Dynamo dynamo, List<JsonObject> items, int from) {
    if (from >= items.size()) {
      return Future.succeededFuture();
    }
    List<Future<?>> wave = new ArrayList<>();
    int end = Math.min(items.size(), from + 25 * 4);
    for (int i = from; i < end; i += 25) {
      List<WriteRequest> writes = items.subList(i, Math.min(end, i + 25)).stream()
        .map(v -> WriteRequest.builder().putRequest(PutRequest.builder().item(Items.toItem(v)).build()).build()).toList();
      wave.add(batch(dynamo, writes, 5));
    }
    return Future.all(wave).compose(v -> batches(dynamo, items, end));
  }

  /** One BatchWriteItem, tried again (whole) on a timeout or unprocessed items: the shared test machine is slow. */
  private Future<Void> batch(Dynamo dynamo, List<WriteRequest> writes, int tries) {
    return dynamo.call(c -> c.batchWriteItem(b -> b.requestItems(Map.of(dynamo.table(CoreTables.VENDORS), writes))))
      .compose(r -> r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty()
        ? Future.<Void>failedFuture("unprocessed items") : Future.<Void>succeededFuture())
      .recover(f -> tries > 1 ? batch(dynamo, writes, tries - 1) : Future.failedFuture(f));
  }

  /** Vendors within {@code radiusKm} of (lat, lng), leaving out those within 2 m of the edge (rounding). */
  List<Seeded> expected(double lat, double lng, double radiusKm, String cuisine) {
    return vendors.stream().filter(v -> cuisine == null || cuisine.equalsIgnoreCase(v.cuisine()))
      .filter(v -> distanceKm(lat, lng, v.lat(), v.lng()) <= radiusKm - 0.002).toList();
  }

  /** Vendors within 2 m of the edge: the index may count them in or out. */
  List<String> onTheEdge(double lat, double lng, double radiusKm) {
    return vendors.stream().filter(v -> Math.abs(distanceKm(lat, lng, v.lat(), v.lng()) - radiusKm) < 0.002)
      .map(Seeded::vendorId).toList();
  }

  static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lng2 - lng1);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_M * Math.asin(Math.sqrt(a)) / 1000;
  }
}
