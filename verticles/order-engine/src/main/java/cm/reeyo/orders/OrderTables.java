package cm.reeyo.orders;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/** Tables the order engine adds to the spec's: menu items, one item per (vendorId, itemId), and stuck follow-ups. */
public final class OrderTables implements TableProvider {

  public static final String MENU_ITEMS = "menu-items";

  public static final TableSpec MENU_ITEMS_TABLE = TableSpec.of(MENU_ITEMS, "vendorId")
    .withRange(TableSpec.Key.s("itemId"));

  public static final String STUCK = "ops-stuck";

  /**
   * Follow-ups that cannot complete on their own and need an operator, one item per case ({@code stuckId =
   * <kind>#<id>}, e.g. {@code settlement#<orderId>}); written with the state change that makes them stuck, deleted
   * when resolved. Small by design (only open cases), so an admin list scans it.
   */
  public static final TableSpec STUCK_TABLE = TableSpec.of(STUCK, "stuckId");

  @Override
  public List<TableSpec> tables() {
    return List.of(MENU_ITEMS_TABLE, STUCK_TABLE);
  }
}
