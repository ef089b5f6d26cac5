package cm.reeyo.orders;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * Tables the order engine adds to the spec's: menu items, one item per (vendorId, itemId); the dashboard's daily
 * counters, one item per (day, shard) (see {@link DayCounters}); reviews; favourites; promo codes and their uses;
 * order holds (see {@link Holds}); riders' days.
 */
public final class OrderTables implements TableProvider {

  public static final String MENU_ITEMS = "menu-items";

  public static final TableSpec MENU_ITEMS_TABLE = TableSpec.of(MENU_ITEMS, "vendorId")
    .withRange(TableSpec.Key.s("itemId"));

  public static final String ORDER_STATS = "order-stats";

  public static final TableSpec ORDER_STATS_TABLE = TableSpec.of(ORDER_STATS, "day")
    .withRange(TableSpec.Key.n("shard"));
  /** One review per rated order: {@code (vendorId, ratedAt#orderId)}, newest first by a reverse query. */
  public static final String REVIEWS = "reviews";
  public static final TableSpec REVIEWS_TABLE = TableSpec.of(REVIEWS, "vendorId").withRange(TableSpec.Key.s("reviewKey"));
  /** A customer's favourite vendors: {@code (userId, vendorId)}. */
  public static final String FAVOURITES = "favourites";
  public static final TableSpec FAVOURITES_TABLE = TableSpec.of(FAVOURITES, "userId").withRange(TableSpec.Key.s("vendorId"));

  /** Promo codes (admin-managed), one item per upper-case {@code code}, with the running {@code used} count. */
  public static final String PROMOS = "promos";
  public static final TableSpec PROMOS_TABLE = TableSpec.of(PROMOS, "code");
  /** How many times one customer used one promo code: {@code (code, userId) → uses}. */
  public static final String PROMO_USES = "promo-uses";
  public static final TableSpec PROMO_USES_TABLE = TableSpec.of(PROMO_USES, "code").withRange(TableSpec.Key.s("userId"));
  /** What an order's placement took (a promo use, stock counts), so a cancellation gives it back once: by {@code orderId}. */
  public static final String ORDER_HOLDS = "order-holds";
  public static final TableSpec ORDER_HOLDS_TABLE = TableSpec.of(ORDER_HOLDS, "orderId");

  /**
   * A rider's day in Douala: {@code (day, riderId)} with {@code earnings} and {@code deliveries}, added to in the
   * transaction that delivers an order; the leaderboard is one query of {@code day-earnings-index} (see {@link RiderDays}).
   */
  public static final String RIDER_DAYS = "rider-days";
  public static final String DAY_EARNINGS_INDEX = "day-earnings-index";
  public static final TableSpec RIDER_DAYS_TABLE = TableSpec.of(RIDER_DAYS, "day").withRange(TableSpec.Key.s("riderId"))
    .index(DAY_EARNINGS_INDEX, TableSpec.Key.s("day"), TableSpec.Key.n("earnings")).ttl("expiresAt");

  @Override
  public List<TableSpec> tables() {
    return List.of(MENU_ITEMS_TABLE, ORDER_STATS_TABLE, REVIEWS_TABLE, FAVOURITES_TABLE, PROMOS_TABLE, PROMO_USES_TABLE,
      ORDER_HOLDS_TABLE, RIDER_DAYS_TABLE);
  }
}
