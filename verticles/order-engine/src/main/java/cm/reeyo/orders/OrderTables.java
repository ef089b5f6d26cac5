package cm.reeyo.orders;

import cm.reeyo.storage.TableProvider;
import cm.reeyo.storage.TableSpec;

import java.util.List;

/** Tables the order engine adds to the spec's: menu items, one item per (vendorId, itemId) */
public final class OrderTables implements TableProvider {

  public static final String MENU_ITEMS = "menu-items";

  public static final TableSpec MENU_ITEMS_TABLE = TableSpec.of(MENU_ITEMS, "vendorId")
    .withRange(TableSpec.Key.s("itemId"));

  @Override
  public List<TableSpec> tables() {
    return List.of(MENU_ITEMS_TABLE);
  }
}
