package cm.reeyo.storage.geo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One fetch's vendors sorted into the walk's order: group 0 (online and open at the walk's instant), then group 1
 * (the others), each by distance then vendorId. Only vendors nearer than the farthest one of a set that did not come
 * back whole are certain to be in place; if those do not fill the page past the cursor, {@link #page} says "fetch more".
 */
final class NearbySelection {

  record Hit(String vendorId, double distance, JsonObject card) {
  }

  private record Entry(int group, Hit hit) {
  }

  private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::group)
    .thenComparingDouble(e -> e.hit().distance()).thenComparing(e -> e.hit().vendorId());

  private final NearbyQuery query;
  private final NearbyCursor cursor;
  private final Instant at;
  private final int fetch;
  private final VendorsNear.OpenAt openAt;
  private List<Hit> online = List.of();
  private List<Hit> offline = List.of();
  private boolean onlineWhole = true;
  private boolean offlineWhole = true;
  private double onlineBound = Double.POSITIVE_INFINITY;
  private double offlineBound = Double.POSITIVE_INFINITY;

  NearbySelection(NearbyQuery query, NearbyCursor cursor, Instant at, int fetch, VendorsNear.OpenAt openAt) {
    this.query = query;
    this.cursor = cursor;
    this.at = at;
    this.fetch = fetch;
    this.openAt = openAt;
  }

  void online(List<Hit> hits, int fetched) {
    online = hits;
    onlineWhole = fetched < fetch;
    onlineBound = onlineWhole || hits.isEmpty() ? Double.POSITIVE_INFINITY : hits.get(hits.size() - 1).distance();
  }

  void offline(List<Hit> hits, int fetched) {
    offline = hits;
    offlineWhole = fetched < fetch;
    offlineBound = offlineWhole || hits.isEmpty() ? Double.POSITIVE_INFINITY : hits.get(hits.size() - 1).distance();
  }

  /** The page, or null when this fetch did not reach far enough to know it. */
  VendorsNear.Page page(long atSecond) {
    double othersBound = Math.min(onlineBound, offlineBound);
    List<Entry> open = new ArrayList<>();
    List<Entry> others = new ArrayList<>();
    for (Hit h : online) {
      if (matches(h)) {
        if (openAt.open(h.card(), at)) {
          add(open, new Entry(0, h), onlineBound);
        } else if (!query.openNow()) {
          add(others, new Entry(1, h), othersBound);
        }
      }
    }
    for (Hit h : offline) {
      if (matches(h)) {
        add(others, new Entry(1, h), othersBound);
      }
    }
    open.sort(ORDER);
    others.sort(ORDER);
    int want = query.limit() + 1;
    List<Entry> picked = new ArrayList<>(open.subList(0, Math.min(want, open.size())));
    if (picked.size() < want && !onlineWhole) {
      return null;
    }
    picked.addAll(others.subList(0, Math.min(want - picked.size(), others.size())));
    if (picked.size() < want && !query.openNow() && !(onlineWhole && offlineWhole)) {
      return null;
    }
    JsonArray items = new JsonArray();
    picked.stream().limit(query.limit()).forEach(e -> items.add(item(e)));
    String next = null;
    if (picked.size() > query.limit()) {
      Entry last = picked.get(query.limit() - 1);
      next = new NearbyCursor(last.group(), last.hit().distance(), last.hit().vendorId(), atSecond, fetch,
        NearbyCursor.scopeOf(query)).encode();
    }
    return new VendorsNear.Page(items, next);
  }

  private void add(List<Entry> into, Entry e, double bound) {
    if (e.hit().distance() < bound && afterCursor(e)) {
      into.add(e);
    }
  }

  private boolean afterCursor(Entry e) {
    return cursor == null || ORDER.compare(e, new Entry(cursor.group(), new Hit(cursor.vendorId(), cursor.distance(), null))) > 0;
  }

  /** A hit without a card (gone meanwhile, or not found by the search terms) is never listed. */
  private boolean matches(Hit h) {
    return h.card() != null
      && (query.cuisine() == null || query.cuisine().equalsIgnoreCase(h.card().getString("cuisine", "")));
  }

  private JsonObject item(Entry e) {
    return e.hit().card().copy().put("isOpen", openAt.open(e.hit().card(), at))
      .put("distance", Math.round(e.hit().distance() * 100) / 100.0);
  }
}
