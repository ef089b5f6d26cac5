package cm.reeyo.orders;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/**
 * Tables the order engine adds to the spec's: menu items, one item per (vendorId, itemId); the dashboard's daily
 * counters, one item per (day, shard) (see {@link DayCounters}).
 */
public final class OrderTables implements TableProvider {

  public static final String MENU_ITEMS = "menu-items";

  public static final TableSpec MENU_ITEMS_TABLE = TableSpec.of(MENU_ITEMS, "vendorId")
    .withRange(TableSpec.Key.s("itemId"));

  public static final String ORDER_STATS = "order-stats";

  public static final TableSpec ORDER_STATS_TABLE = TableSpec.of(ORDER_STATS, "day")
    .withRange(TableSpec.Key.n("shard"));

  @Override
  public List<TableSpec> tables() {
    return List.of(MENU_ITEMS_TABLE, ORDER_STATS_TABLE);
  }
}
