package cm.reeyo.storage;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * Each module that owns tables lists them through this service (META-INF/services), so that dev start-up and the
 * launcher's {@code --init-tables} create every table the deployed code needs.
 */
public interface TableProvider {

  List<TableSpec> tables();

  static List<TableSpec> all() {
    return StreamSupport.stream(ServiceLoader.load(TableProvider.class).spliterator(), false)
      .flatMap(p -> p.tables().stream())
      .toList();
  }
}
