package cm.reeyo.storage.geo;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Redis names of one vendors table's geo index and what a vendor record becomes in it. Every key carries the table's
 * name as hash tag ({@code {<table>}:geo:online}), so the index's scripts touch one cluster slot and two deployments
 * (or test runs) with different table prefixes never share an index.
 */
public final class VendorIndexKeys {

  /** GEO set of listed vendors that are online (member = vendorId). */
  public final String online;
  /** GEO set of listed vendors that are offline. */
  public final String offline;
  /** Hash vendorId → {@code updatedAt} of the record last applied (older records are ignored). */
  public final String versions;
  /** Completion marker: present only once a rebuild finished; without it the index is not trusted. */
  public final String ready;
  /** Vendors changed while no marker was present; the rebuild re-reads them before setting the marker. */
  public final String dirty;
  /** Lock of the instance rebuilding the index. */
  public final String building;
  final String cardPrefix;

  public VendorIndexKeys(String vendorsTable) {
    String tag = "{" + vendorsTable + "}";
    this.online = tag + ":geo:online";
    this.offline = tag + ":geo:offline";
    this.versions = tag + ":geo:versions";
    this.ready = tag + ":geo:ready";
    this.dirty = tag + ":geo:dirty";
    this.building = tag + ":geo:building";
    this.cardPrefix = tag + ":card:";
  }

  /** The keys of the index of {@code dynamo}'s vendors table. */
  public static VendorIndexKeys of(Dynamo dynamo) {
    return new VendorIndexKeys(dynamo.table(CoreTables.VENDORS));
  }

  /** The key of a vendor's card (its public view as JSON). */
  public String card(String vendorId) {
    return cardPrefix + vendorId;
  }

  /** The fields of a vendor anyone may see: what a card holds. */
  public static final List<String> PUBLIC_FIELDS = List.of("vendorId", "businessName", "description", "cuisine",
    "address", "location", "businessHours", "isOnline", "rating", "ratingCount", "totalOrders", "imageUrl",
    "thumbnailUrl", "coverImageUrl");

  /** Where a vendor record belongs: {@code online}, {@code offline}, or {@code unlisted}. */
  static String state(JsonObject vendor) {
    boolean listed = "APPROVED".equals(vendor.getString("approvalStatus"))
      && "ACTIVE".equals(vendor.getString("status", "ACTIVE")) && point(vendor) != null;
    if (!listed) {
      return "unlisted";
    }
    return Boolean.TRUE.equals(vendor.getValue("isOnline")) ? "online" : "offline";
  }

  /** {lng, lat} of a record's valid location, or null. */
  static double[] point(JsonObject vendor) {
    if (!(vendor.getValue("location") instanceof JsonObject loc) || !(loc.getValue("lat") instanceof Number lat)
      || !(loc.getValue("lng") instanceof Number lng)) {
      return null;
    }
    double la = lat.doubleValue();
    double lo = lng.doubleValue();
    return Math.abs(la) <= 85.05 && Math.abs(lo) <= 180 ? new double[] {lo, la} : null;
  }

  /** The public view of a vendor record (no {@code isOpen}: that depends on the time of the read). */
  public static JsonObject publicView(JsonObject vendor) {
    JsonObject v = new JsonObject();
    PUBLIC_FIELDS.forEach(f -> {
      if (vendor.containsKey(f)) {
        v.put(f, vendor.getValue(f));
      }
    });
    return v;
  }
}
